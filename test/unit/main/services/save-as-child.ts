// Runs one `documents:save` in a separate process, so a test can run it as an unprivileged user
// (root ignores folder permissions). Prints the API result as JSON.
import { createHostServices } from '../../../../main/services/host-services';

const [userDataDir, hostDir, path, documentJson] = process.argv.slice(2);
const services = createHostServices({
  userDataDir: userDataDir!,
  hostDir: hostDir!,
  examplesDir: userDataDir!,
  warn: () => undefined,
});
const result = await services.dispatch('documents:save', {
  path,
  document: JSON.parse(documentJson!) as unknown,
});
process.stdout.write(JSON.stringify(result));
