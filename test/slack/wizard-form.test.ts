import { describe, expect, it } from 'vitest';
import { parseWizardState, prefillFromAnswer, wizardToQuestion } from '../../src/slack/ui/wizard-form.ts';
import { BlockId } from '../../src/slack/ui/ids.ts';
import { makeAnswer } from './fixtures.ts';

describe('wizard', () => {
  it('composes a plain-English description, negatives included', () => {
    const q = wizardToQuestion({ description: 'an online shop.', teamSize: 'small', experience: 'junior', admin: 'yes', apiOnly: 'no', ml: 'unsure', deadline: 'tight', architecture: 'monolith' });
    expect(q).toContain('We are building an online shop.');
    expect(q).toContain('Small team of 3 junior developers.');
    expect(q).toContain('We need an admin interface.');
    expect(q).toContain('It is not API only');
    expect(q).not.toContain('machine learning');
    expect(q).toContain('tight');
    expect(wizardToQuestion({})).toMatch(/^We are building a new Python web application/);
  });
  it('parses view state and ignores unknown values', () => {
    const v = parseWizardState({
      [BlockId.wizDescription]: { [BlockId.wizDescription]: { value: ' a CMS ' } },
      [BlockId.wizAdmin]: { [BlockId.wizAdmin]: { selected_option: { value: 'no' } } },
      [BlockId.wizTeamSize]: { [BlockId.wizTeamSize]: { selected_option: { value: 'gigantic' } } },
    });
    expect(v).toEqual({ description: 'a CMS', admin: 'no' });
  });
  it('pre-fills from an answer', () => {
    const p = prefillFromAnswer('shop', makeAnswer({ signals: [{ id: 'admin', label: 'needs an admin', favours: 'django', weight: 1, passages: [] }, { id: 'not:ml', label: 'ML serving', favours: 'flask', weight: 1, passages: [] }] }));
    expect(p).toMatchObject({ description: 'shop', admin: 'yes', ml: 'no' });
  });
});
