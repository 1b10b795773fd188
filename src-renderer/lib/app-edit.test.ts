import { describe, expect, it } from 'vitest';
import { parseSession } from '../../src-core/session/session';
import { EXPERIMENT_RUN } from '../../src-core/session/runs';
import { defaultSession } from './default-session';
import { editExperiment } from './app-edit';

const parsed = parseSession(defaultSession());
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const base = parsed.session;
const edit = (put: (d: Record<string, any>) => void) => editExperiment(base, put, { fillInit: 'glorot_uniform', currentRun: EXPERIMENT_RUN });

describe('editExperiment', () => {
  it('a size that is no whole number is refused with its path (inputs = 2.5 threw "Invalid array length", no message)', () => {
    expect(edit((d) => { d.network.inputs = 2.5; })).toEqual({ ok: false, errors: [expect.stringMatching(/^experiment\.network\.inputs: expected an integer/)] });
    expect(edit((d) => { d.network.layers[0].units = 0.5; })).toEqual({ ok: false, errors: [expect.stringMatching(/^experiment\.network\.layers\[0\]\.units: expected an integer/)] });
    expect(edit((d) => { d.network.inputs = -1; }).ok).toBe(false);
    // a whole one still reshapes the typed-in samples with it
    const three = edit((d) => { d.network.inputs = 3; });
    expect(three.ok).toBe(true);
    if (three.ok === true) expect((three.after.experiment.data as { train: { x: number[][] } }).train.x[0]).toHaveLength(3);
  });
});
