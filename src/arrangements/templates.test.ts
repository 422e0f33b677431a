import { describe, expect, it } from 'vitest';
import {
  agreementKindsFor,
  DEFAULT_TEMPLATES,
  fillTemplate,
  fundingWords,
  PLACEHOLDERS,
  unknownPlaceholders,
  type AgreementDetails,
} from './templates.js';

const details: AgreementDetails = {
  person: 'Ana Example',
  carer: 'Ben Carer',
  'start date': '3 March 2026',
  'planned end': 'No end date is planned',
  type: 'short breaks',
  funding: 'the council',
  scheme: 'Testford Shared Lives',
  worker: 'Wendy Worker',
};

describe('filling agreement templates', () => {
  it('fills every placeholder, in any case and spacing', () => {
    expect(
      fillTemplate('{person} and {CARER} from { start  date } ({Type}, {funding}) with {scheme} and {worker}. {planned end}.', details),
    ).toBe(
      'Ana Example and Ben Carer from 3 March 2026 (short breaks, the council) with Testford Shared Lives and Wendy Worker. No end date is planned.',
    );
  });

  it('leaves unknown placeholders and plain braces as written, and names them', () => {
    expect(fillTemplate('Rent is {rent} a week {}.', details)).toBe('Rent is {rent} a week {}.');
    expect(unknownPlaceholders('{rent} {Person} {bank  holiday} {rent}')).toEqual(['rent', 'bank holiday']);
  });

  it('does not fill a placeholder again inside filled text', () => {
    expect(fillTemplate('{person}', { ...details, person: '{carer}' })).toBe('{carer}');
  });

  it('says who pays in a sentence', () => {
    expect(fundingWords('council', 'Testford adult social care', 'Ana')).toBe('the council (Testford adult social care)');
    expect(fundingWords('direct_payment', null, 'Ana')).toBe('Ana’s direct payment');
    expect(fundingWords('self_funded', null, 'Ana')).toBe('Ana themselves');
  });

  it('gives live-in arrangements a household agreement too', () => {
    expect(agreementKindsFor('live_in')).toEqual(['arrangement', 'household']);
    expect(agreementKindsFor('day_support')).toEqual(['arrangement']);
  });

  it('ships default templates that use only known placeholders and leave none unfilled', () => {
    for (const template of DEFAULT_TEMPLATES) {
      expect(unknownPlaceholders(template.body + template.easyRead)).toEqual([]);
      const filled = fillTemplate(template.body + template.easyRead, details);
      expect(filled).not.toMatch(/\{[a-z ]+\}/i);
      expect(filled).toContain('Ana Example');
    }
    expect(PLACEHOLDERS.every((p) => DEFAULT_TEMPLATES.some((t) => t.body.includes(`{${p}}`)))).toBe(true);
  });
});
