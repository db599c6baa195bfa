// Runs one execution of a States Language definition with aws-local-stepfunctions, an interpreter independent of
// this project, and prints what it ended with as one JSON object on stdout:
//   {"status":"SUCCEEDED","output":…} or {"status":"FAILED","error":"…","cause":"…"}.
// Usage: node run-state-machine.mjs <definition.json> <input.json>, with LAMBDA_ENDPOINT naming a stand-in of the
// Lambda Invoke API (FleetStateMachineRunIT serves the packaged functions there).
//
// Every Task must be the optimized Lambda integration (arn:aws:states:::lambda:invoke); each is run as Step Functions
// runs it: Parameters' FunctionName and Payload make one synchronous Invoke; the result is {Payload, StatusCode, …};
// a function error fails the state with the error document's errorType as Error and the document as Cause; a
// failure of the Lambda service itself is named Lambda.<its exception>. Retry pauses are set to zero: what is
// retried and what follows is the interpreter's, how long it waits is FleetStateMachineTest's to check; a Task without
// a timeout gets Lambda's longest run (900 s) instead of the interpreter's default of 60 s. The interpreter evaluates
// JSONPath only; a Pass state with a JSONata Output is evaluated here with the jsonata package, any other JSONata
// use is refused.
import { readFileSync } from 'node:fs';

// aws-local-stepfunctions 3.0.0 declares Node 22 for this one method (its Task timeout); Node 20 is what CI has.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { StateMachine } = await import('aws-local-stepfunctions');
const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
const { default: jsonata } = await import('jsonata');

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

function fail(message) {
  process.stderr.write(`run-state-machine: ${message}\n`);
  process.exit(2);
}

const [definitionFile, inputFile] = process.argv.slice(2);
const endpoint = process.env.LAMBDA_ENDPOINT;
if (!definitionFile || !inputFile || !endpoint) {
  fail('usage: LAMBDA_ENDPOINT=http://127.0.0.1:<port> node run-state-machine.mjs <definition.json> <input.json>');
}
const definition = JSON.parse(readFileSync(definitionFile, 'utf8'));
const input = JSON.parse(readFileSync(inputFile, 'utf8'));

const lambda = new LambdaClient({
  endpoint,
  region: process.env.AWS_REGION ?? 'eu-west-1',
  credentials: { accessKeyId: 'state-machine-stand-in', secretAccessKey: 'state-machine-stand-in' },
  // Step Functions makes one Invoke per attempt; the definition's Retry decides about another.
  maxAttempts: 1,
});

function named(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

async function lambdaInvoke(parameters) {
  const { FunctionName, Payload } = parameters;
  let response;
  try {
    response = await lambda.send(new InvokeCommand({
      FunctionName,
      Payload: Buffer.from(JSON.stringify(Payload ?? {})),
    }));
  } catch (e) {
    throw named(e.$metadata?.httpStatusCode ? `Lambda.${e.name}` : 'Lambda.SdkClientException', String(e.message));
  }
  const text = response.Payload ? Buffer.from(response.Payload).toString('utf8') : 'null';
  if (response.FunctionError) {
    let errorType;
    try {
      errorType = JSON.parse(text).errorType;
    } catch {
      errorType = undefined;
    }
    throw named(errorType ?? 'Lambda.Unknown', text);
  }
  return {
    ExecutedVersion: response.ExecutedVersion ?? '$LATEST',
    Payload: JSON.parse(text),
    StatusCode: response.StatusCode,
  };
}

// Every state by name, nested ones (a Map's ItemProcessor, a Parallel's Branches) included: overrides go by name.
function statesOf(machine, found = {}) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    if (found[name]) {
      fail(`state name ${name} is used twice; overrides would be ambiguous`);
    }
    found[name] = state;
    for (const nested of [state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])]) {
      if (nested) {
        statesOf(nested, found);
      }
    }
  }
  return found;
}

// A JSONata template value: each string that is a whole {% expression %} evaluated with $states.input bound.
async function evaluate(template, input) {
  if (typeof template === 'string') {
    const match = /^\{%([\s\S]*)%\}$/.exec(template.trim());
    return match ? jsonata(match[1]).evaluate({}, { states: { input } }) : template;
  }
  if (Array.isArray(template)) {
    return Promise.all(template.map((item) => evaluate(item, input)));
  }
  if (template && typeof template === 'object') {
    const out = {};
    for (const [key, value] of Object.entries(template)) {
      out[key] = await evaluate(value, input);
    }
    return out;
  }
  return template;
}

// aws-local-stepfunctions 3.0.0 reads JSONPath only: a JSONata state would pass its input through unevaluated. A Pass
// state whose JSONata Output is its whole job is run as a local Task that evaluates that Output with the jsonata
// package; any other use of JSONata is refused rather than run wrong.
const JSONATA_PASS_FIELDS = new Set(['Type', 'QueryLanguage', 'Output', 'Next', 'End', 'Comment']);
function jsonataPass(name, state) {
  const fields = Object.keys(state).filter((field) => !JSONATA_PASS_FIELDS.has(field));
  if (state.Type !== 'Pass' || fields.length > 0) {
    fail(`state ${name} uses JSONata (${state.Type}, ${fields.join(', ')}), which this runner cannot evaluate`);
  }
  const output = state.Output;
  for (const field of ['QueryLanguage', 'Output']) {
    delete state[field];
  }
  state.Type = 'Task';
  state.Resource = `arn:aws:lambda:eu-west-1:123456789012:function:jsonata-pass-${name}`;
  return async (input) => (output === undefined ? input : evaluate(output, input));
}

if (definition.QueryLanguage === 'JSONata') {
  fail('the definition uses JSONata throughout, which this runner cannot evaluate');
}
const taskResourceLocalHandlers = {};
const retryIntervalOverrides = {};
for (const [name, state] of Object.entries(statesOf(definition))) {
  if (state.QueryLanguage === 'JSONata') {
    taskResourceLocalHandlers[name] = jsonataPass(name, state);
    continue;
  }
  if (state.Type === 'Task') {
    if (state.Resource !== LAMBDA_INVOKE) {
      fail(`Task ${name} uses ${state.Resource}; only ${LAMBDA_INVOKE} has a stand-in here`);
    }
    taskResourceLocalHandlers[name] = lambdaInvoke;
    // Step Functions sets no Task timeout by default; the interpreter's own default (60 s) would fail a step that is
    // merely slow on a busy machine. A synchronous Invoke ends within Lambda's 900 s limit: that is the bound.
    if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
      state.TimeoutSeconds = 900;
    }
  }
  if (state.Retry) {
    retryIntervalOverrides[name] = 0;
  }
}

// Validated as the interpreter validates any definition (its ASL schema, paths, ARNs).
const machine = new StateMachine(definition);
const execution = machine.run(input, { overrides: { taskResourceLocalHandlers, retryIntervalOverrides } });
let outcome;
try {
  outcome = { status: 'SUCCEEDED', output: await execution.result };
} catch (e) {
  outcome = { status: 'FAILED', error: e.name, cause: String(e.message) };
}
process.stdout.write(`${JSON.stringify(outcome)}\n`);
