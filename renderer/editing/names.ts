// Pure, and shared with the document an import builds (shared/calibration/).
export { idFromName, numbered, uniqueName } from '../../shared/document/names';
