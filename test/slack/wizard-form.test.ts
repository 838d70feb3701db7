import { describe, expect, it } from 'vitest';
import { parseWizardState, prefillFromAnswer, teamSizeFrom, wizardToQuestion } from '../../src/slack/ui/wizard-form.ts';
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
    const ticked = parseWizardState({ [BlockId.wizNeeds]: { [BlockId.wizNeeds]: { selected_options: [{ value: 'ml' }, { value: 'nope' }] } } });
    expect(ticked).toEqual({ ml: 'yes' });
  });
  it.each([
    ['online shop with a back office, team of four juniors', 'small'],
    ['we are a team of 12', 'medium'],
    ['3 developers, tight deadline', 'small'],
    ['just me on weekends', 'solo'],
    ['40 engineers across two sites', 'large'],
    ['an API with 4 endpoints', undefined],
  ])('reads the team size from "%s"', (q, size) => expect(teamSizeFrom(q)).toBe(size));
  it('pre-fills from an answer', () => {
    const p = prefillFromAnswer('shop', makeAnswer({ signals: [{ id: 'admin', label: 'needs an admin', favours: 'django', weight: 1, passages: [] }, { id: 'not:ml', label: 'ML serving', favours: 'flask', weight: 1, passages: [] }] }));
    expect(p).toMatchObject({ description: 'shop', admin: 'yes', ml: 'no' });
    expect(prefillFromAnswer('a shop, team of four juniors')).toMatchObject({ teamSize: 'small', experience: 'junior' });
  });
});
