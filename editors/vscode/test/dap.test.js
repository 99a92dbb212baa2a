// The DAP scenario of Hotline's own DapTest, driven by Microsoft's DebugClient (@vscode/debugadapter-testsupport),
// a client the project did not write. The JUnit test DapClientsTest runs it with a greeter service and a
// `hotline dap --port N` running, and passes where they are in the environment:
// HOTLINE_DAP_PORT, HOTLINE_TARGET, HOTLINE_DIR, HOTLINE_SOURCE_ROOT, HOTLINE_HANDLER (GreeterService.java),
// HOTLINE_HANDLER_LINE and HOTLINE_HTTP (the greeter's HTTP port).
'use strict';
const assert = require('node:assert/strict');
const http = require('node:http');
const { test, before, after } = require('node:test');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const env = process.env;
const handler = env.HOTLINE_HANDLER;
const handlerLine = Number(env.HOTLINE_HANDLER_LINE);
let dc;

function greet(name) {
  return new Promise((resolve, reject) => {
    http.get(`http://127.0.0.1:${env.HOTLINE_HTTP}/greet?name=${name}`, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** The first output event whose text contains `text`, from now on. */
function outputContaining(text) {
  return new Promise((resolve) => {
    const listener = (event) => {
      if (event.body.output.includes(text)) {
        dc.removeListener('output', listener);
        resolve(event);
      }
    };
    dc.on('output', listener);
  });
}

before(async () => {
  dc = new DebugClient('unused', 'unused', 'hotline');
  await dc.start(Number(env.HOTLINE_DAP_PORT));
  const initialized = await dc.initializeRequest({ adapterID: 'hotline', linesStartAt1: true, columnsStartAt1: true,
    supportsVariablePaging: true, supportsVariableType: true });
  assert.equal(initialized.body.supportsLogPoints, true);
  assert.equal(initialized.body.exceptionBreakpointFilters[0].filter, 'leaving');
  await Promise.all([dc.waitForEvent('initialized'), dc.attachRequest({ target: env.HOTLINE_TARGET,
    dir: env.HOTLINE_DIR, sourceRoots: [env.HOTLINE_SOURCE_ROOT] })]);
  await dc.configurationDoneRequest();
});

after(async () => {
  await dc.disconnectRequest({});
  await dc.stop();
});

test('evaluate reads the service and expands a list a page at a time', async () => {
  await dc.evaluateRequest({ expression: 'import dev.hotline.samples.greeter.*;', context: 'repl' });
  const template = await dc.evaluateRequest({ expression: 'Greeter.template', context: 'repl' });
  assert.equal(template.body.result, '"Hello, %s!"');
  const list = await dc.evaluateRequest({ expression: 'java.util.List.of("a", "b", "c")', context: 'watch' });
  assert.equal(list.body.indexedVariables, 3);
  const page = await dc.variablesRequest({ variablesReference: list.body.variablesReference, filter: 'indexed',
    start: 1, count: 2 });
  assert.deepEqual(page.body.variables.map((v) => `${v.name}=${v.value}`), ['[1]="b"', '[2]="c"']);
  const completions = await dc.completionsRequest({ text: 'Greeter.tem', column: 12 });
  assert.ok(completions.body.targets.some((t) => t.label.startsWith('template')));
});

test('a logpoint prints for an HTTP request', async () => {
  const set = await dc.setBreakpointsRequest({ source: { path: handler },
    breakpoints: [{ line: handlerLine, logMessage: 'node saw {name}' }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  const printed = outputContaining('node saw "Nia"');
  await greet('Nia');
  const output = await printed;
  assert.equal(output.body.line, handlerLine);
  await dc.setBreakpointsRequest({ source: { path: handler }, breakpoints: [] });
});

test('a snapshot is a stopped thread with the locals, and continue dismisses it', async () => {
  await dc.setBreakpointsRequest({ source: { path: handler }, breakpoints: [{ line: handlerLine }] });
  const stopped = dc.waitForEvent('stopped');
  await greet('Ode');
  const event = await stopped;
  assert.equal(event.body.reason, 'snapshot');
  const threadId = event.body.threadId;
  const stack = await dc.stackTraceRequest({ threadId });
  const top = stack.body.stackFrames[0];
  assert.equal(top.line, handlerLine);
  assert.equal(top.source.path, handler);
  const scopes = await dc.scopesRequest({ frameId: top.id });
  const locals = await dc.variablesRequest({ variablesReference: scopes.body.scopes[0].variablesReference });
  assert.ok(locals.body.variables.some((v) => v.name === 'name' && v.value === '"Ode"'));
  await assert.rejects(dc.pauseRequest({ threadId }), /never stops/);
  const exited = dc.waitForEvent('thread');
  await dc.continueRequest({ threadId });
  assert.equal((await exited).body.reason, 'exited');
  const threads = await dc.threadsRequest();
  assert.ok(!threads.body.threads.some((t) => t.id === threadId));
});

test('an exception breakpoint catches the exception leaving Greeter.greet', async () => {
  const set = await dc.setExceptionBreakpointsRequest({ filters: [], filterOptions: [{ filterId: 'leaving',
    condition: 'dev.hotline.samples.greeter.Greeter::greet IllegalArgumentException' }] });
  assert.equal(set.body.breakpoints[0].verified, true);
  const stopped = dc.waitForEvent('stopped');
  await greet('%20');
  const event = await stopped;
  assert.equal(event.body.reason, 'exception');
  const info = await dc.exceptionInfoRequest({ threadId: event.body.threadId });
  assert.equal(info.body.exceptionId, 'java.lang.IllegalArgumentException');
});
