import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';

const error = (argv: string[]) => {
  const r = parseArgs(argv);
  return r.ok ? 'accepted' : r.error;
};

describe('parseArgs', () => {
  it('reads run with every option, in either --flag value or --flag=value form', () => {
    expect(parseArgs(['run', 'a.nnlab', '--run', 'lr-0.1', '--epochs', '60000', '--set', 'optimizer.lr=0.25', '--set=network.layers[0].units=3',
      '--every=10000', '--json', '--write', 'out.nnlab'])).toEqual({
      ok: true,
      value: { command: 'run', file: 'a.nnlab', run: 'lr-0.1', epochs: 60000, sets: { 'optimizer.lr': 0.25, 'network.layers[0].units': 3 },
        every: 10000, json: true, write: 'out.nnlab' },
    });
  });
  it('reads --set values as JSON when they parse, else as strings; the last --set of a path wins', () => {
    const r = parseArgs(['step', 'a.nnlab', '--set', 'loss=half_squared_error', '--set', 'optimizer={"kind":"adam","lr":0.1}', '--set', 'seed="7"', '--set', 'seed=8']);
    expect(r).toEqual({ ok: true, value: { command: 'step', file: 'a.nnlab', json: false,
      sets: { loss: 'half_squared_error', optimizer: { kind: 'adam', lr: 0.1 }, seed: 8 } } });
  });
  it('reads validate and help', () => {
    expect(parseArgs(['validate', 'a.nnlab'])).toEqual({ ok: true, value: { command: 'validate', file: 'a.nnlab' } });
    expect(parseArgs(['--help'])).toEqual({ ok: true, value: { command: 'help' } });
    expect(parseArgs(['run', 'x', '-h'])).toEqual({ ok: true, value: { command: 'help' } });
  });
  it('refuses, naming the flag', () => {
    expect(error(['train', 'a'])).toBe('nnlab: unknown command "train" (expected run, step, validate or analyze; see nnlab --help)');
    expect(error(['run'])).toBe('nnlab run: missing the session FILE (see nnlab --help)');
    expect(error(['run', 'a', 'b'])).toBe('nnlab run: unexpected argument "b" (one FILE only)');
    expect(error(['run', 'a', '--epoch', '3'])).toBe('nnlab run: unknown option --epoch (its options: --run, --epochs, --set, --every, --json, --write)');
    expect(error(['step', 'a', '--epochs', '3'])).toBe('nnlab step: unknown option --epochs (its options: --run, --set, --json)');
    expect(error(['validate', 'a', '--json'])).toBe('nnlab validate: unknown option --json (it takes no options)');
    expect(error(['run', 'a', '--epochs', 'ten'])).toBe('nnlab run: --epochs expected an integer >= 0, got "ten"');
    expect(error(['run', 'a', '--epochs', '-5'])).toBe('nnlab run: --epochs expected an integer >= 0, got "-5"');
    expect(error(['run', 'a', '--epochs', '2.5'])).toBe('nnlab run: --epochs expected an integer >= 0, got "2.5"');
    expect(error(['run', 'a', '--every', '0'])).toBe('nnlab run: --every expected an integer >= 1, got "0"');
    expect(error(['run', 'a', '--epochs'])).toBe('nnlab run: --epochs needs a value');
    expect(error(['run', 'a', '--write', '--json'])).toBe('nnlab run: --write needs a value');
    expect(error(['run', 'a', '--json=yes'])).toBe('nnlab run: --json takes no value');
    expect(error(['run', 'a', '--epochs', '1', '--epochs', '2'])).toBe('nnlab run: --epochs given twice');
    expect(error(['run', 'a', '--set', 'optimizer.lr'])).toBe('nnlab run: --set expected PATH=VALUE, got "optimizer.lr"');
    expect(error(['run', 'a', '--set', '=3'])).toBe('nnlab run: --set expected PATH=VALUE, got "=3"');
    expect(error(['run', 'a', '--set', 'layers[x]=3'])).toBe('nnlab run: --set layers[x]: not a field path (write it like optimizer.lr or network.layers[0].units)');
  });
});
