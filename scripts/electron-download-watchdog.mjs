// Loaded into Electron's installer (`node --import`) by start-electron.mjs: a no-progress
// watchdog on its downloads.
//
// Why: @electron/get downloads with the global fetch, whose only limits are undici's 5-minute
// header and body timeouts. A mirror (or proxy) that accepts the connection and then sends
// nothing would stall `npm start` for minutes with no output. This wraps fetch so that every
// response header and body chunk re-arms a timer; when it runs out, the download is aborted and
// one line says what happened, which start-electron.mjs turns into its usual message.
const seconds = Number(process.env.PIPEWRIGHT_ELECTRON_STALL_SECONDS || 30);
const realFetch = globalThis.fetch;

const megabytes = (bytes) => `${(bytes / 1_048_576).toFixed(1)} MB`;

globalThis.fetch = async function watchedFetch(input, init = {}) {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const controller = new AbortController();
  let answered = false;
  let received = 0;
  let timer;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const what = answered
        ? `the download from ${url.host} stalled: no data for ${seconds} s after ${megabytes(received)}`
        : `${url.host} accepted the connection but sent nothing for ${seconds} s`;
      // Printed first, so it is the line start-electron.mjs reports, whatever the abort prints.
      process.stderr.write(`Error: ${what}\n`);
      controller.abort(new Error(what));
      // The abort lets @electron/get remove its temporary folder; should anything still hold
      // the process open, end it anyway.
      setTimeout(() => process.exit(1), 5000).unref();
    }, seconds * 1000);
  };
  arm();
  const signal = init.signal
    ? AbortSignal.any([init.signal, controller.signal])
    : controller.signal;
  let response;
  try {
    response = await realFetch(input, { ...init, signal });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  answered = true;
  if (!response.body) {
    clearTimeout(timer);
    return response;
  }
  arm();
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, stream) {
        received += chunk.byteLength;
        arm();
        stream.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
  // The response keeps its status, headers and url; only its body is the counted one.
  Object.defineProperty(response, 'body', { value: counted });
  return response;
};
