import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { byTopic, exampleInfo, firstSentence, plainText } from './example-info';

describe('firstSentence', () => {
  it('stops at the first full stop before a capital or a digit, not inside numbers or abbreviations', () => {
    expect(firstSentence('Report 003, problem 3: all **ten digits**. 784 inputs, 64 ReLU units.')).toBe('Report 003, problem 3: all ten digits.');
    expect(firstSentence('A net with lr 0.5 and x = (1, 0), e.g. Adam. Then more.')).toBe('A net with lr 0.5 and x = (1, 0), e.g. Adam.');
    expect(firstSentence('It ends at the paragraph\n\nNot here.')).toBe('It ends at the paragraph');
    expect(firstSentence('one sentence, lower case after. the period does not end it')).toBe('one sentence, lower case after. the period does not end it');
  });
  it('drops Markdown marks and cuts long sentences at a word', () => {
    expect(plainText('**w1** = `W[0][0][0]` (*input* 1 → node 1)')).toBe('w1 = W[0][0][0] (input 1 → node 1)');
    const long = firstSentence(`${'word '.repeat(80)}end.`, 60);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('word…')).toBe(true);
  });
});

describe('exampleInfo', () => {
  it('reads the title and the first sentence of the notes of every shipped example', () => {
    const dir = new URL('../../assets/examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.nnlab'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const json = JSON.parse(text);
      const info = exampleInfo(f, text);
      expect(info.title).toBe(json.title.trim());
      if (json.notes) {
        expect(info.summary.length).toBeGreaterThan(10);
        expect(info.summary).not.toMatch(/\*\*|`/);
        // a sentence of the notes' first paragraph, from its start
        expect(plainText(json.notes.split(/\n\s*\n/)[0]).startsWith(info.summary.replace(/…$/, ''))).toBe(true);
      }
      expect(info.text).toBe(text);
    }
  });
  it('a file that is not JSON is listed by its file name', () => {
    expect(exampleInfo('005-my-net_v2.nnlab', '{ broken')).toMatchObject({ title: 'My net v2', summary: '', report: 'report 005' });
  });
});

describe('byTopic', () => {
  it('groups the shipped examples by topic, in the course order, each with its report (or NN Lab) as the source', () => {
    const dir = new URL('../../assets/examples/', import.meta.url);
    const all = readdirSync(dir).filter((f) => f.endsWith('.nnlab')).map((f) => exampleInfo(f, readFileSync(new URL(f, dir), 'utf8')));
    const groups = byTopic(all);
    expect(groups.map((g) => g.topic).slice(0, 4)).toEqual(['one step by hand', 'learning rate', 'starting weights', 'fitting a function']);
    expect(groups.find((g) => g.topic === 'learning rate')!.examples[0].title).toBe("The lecture's 2-2-1 ReLU net: one update at six learning rates");
    for (const e of all) {
      expect(e.topic).not.toBe('other');
      // a report's number, or NN Lab's own generated sets
      expect(e.source).toMatch(/^(Report \d{3}|NN Lab) · /);
      // a title says the experiment, not where it comes from
      expect(e.title).not.toMatch(/^report/i);
    }
  });
  it('unknown topics after the known ones, "other" last', () => {
    const ex = (file: string, topic?: string) => exampleInfo(file, JSON.stringify({ title: file, view: topic ? { example: { topic } } : undefined }));
    expect(byTopic([ex('a.nnlab'), ex('b.nnlab', 'Zoology'), ex('c.nnlab', 'digits')]).map((g) => g.topic)).toEqual(['digits', 'zoology', 'other']);
    expect(ex('a.nnlab').source).toBeNull();
    expect(ex('007-x.nnlab').source).toBe('Report 007');
  });
});
