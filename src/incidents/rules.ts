/**
 * Incidents and safeguarding concerns: the words, and the one rule of when the regulator must be
 * told. Plain data and functions: no database, no HTTP.
 */

export const INCIDENT_KINDS = ['incident', 'safeguarding'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_NAMES: Record<IncidentKind, string> = {
  incident: 'An incident (an accident, an injury, something that went wrong)',
  safeguarding: 'A safeguarding concern (someone may be at risk of abuse or neglect)',
};
export const INCIDENT_KIND_SHORT: Record<IncidentKind, string> = { incident: 'Incident', safeguarding: 'Safeguarding concern' };

export const SEVERITIES = ['low', 'medium', 'high', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', serious: 'Serious' };
export const SEVERITY_HINTS: Record<Severity, string> = {
  low: 'No harm, or a little: a trip without injury, a missed appointment',
  medium: 'Some harm or upset that needed first aid or a change of plans',
  high: 'Harm that needed a doctor, or a risk that must be acted on today',
  serious: 'Serious harm, a death, abuse, the police, or the person going missing',
};

/** What CQC (the regulator in England) must be told about, as categories to pick on the form. */
export const NOTIFIABLE_CATEGORIES = ['death', 'serious_injury', 'abuse', 'police', 'deprivation_of_liberty'] as const;
export type NotifiableCategory = (typeof NOTIFIABLE_CATEGORIES)[number];
export const CATEGORY_NAMES: Record<NotifiableCategory, string> = {
  death: 'Someone died',
  serious_injury: 'A serious injury',
  abuse: 'Abuse, or an allegation of abuse',
  police: 'The police were involved (told of it, or investigating)',
  deprivation_of_liberty: 'An application to deprive someone of their liberty (DoLS or LPS)',
};
const CATEGORY_REASONS: Record<NotifiableCategory, string> = {
  death: 'The death of a person using the service must be notified to CQC without delay (Regulation 16).',
  serious_injury: 'A serious injury to a person using the service must be notified to CQC without delay (Regulation 18).',
  abuse: 'Abuse or an allegation of abuse must be notified to CQC without delay (Regulation 18).',
  police: 'An incident reported to or investigated by the police must be notified to CQC without delay (Regulation 18).',
  deprivation_of_liberty: 'An application to deprive someone of their liberty, and its outcome, must be notified to CQC (Regulation 18).',
};

export const NOTIFICATION_METHODS = ['online', 'email', 'phone', 'post'] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];
export const NOTIFICATION_METHOD_NAMES: Record<NotificationMethod, string> = {
  online: 'CQC online (the provider portal)',
  email: 'Email',
  phone: 'Phone',
  post: 'Post',
};

export interface NotificationAdvice {
  needed: boolean;
  /** Why, one sentence for each category picked. */
  reasons: string[];
  /** When nothing was picked but the event looks as if it might need notifying: a question to ask. */
  check: string | null;
}

/**
 * Whether CQC must be notified of an event, and why. Any picked category means yes; a serious
 * incident or a safeguarding concern with none picked asks the worker to check the categories.
 */
export function notificationAdvice(event: {
  kind: IncidentKind;
  severity: Severity;
  categories: readonly NotifiableCategory[];
}): NotificationAdvice {
  const picked = NOTIFIABLE_CATEGORIES.filter((c) => event.categories.includes(c));
  if (picked.length) return { needed: true, reasons: picked.map((c) => CATEGORY_REASONS[c]), check: null };
  const check =
    event.kind === 'safeguarding'
      ? 'A safeguarding concern is often an allegation of abuse or neglect: if it is, pick “Abuse, or an allegation of abuse” so CQC is told.'
      : event.severity === 'serious'
        ? 'A serious incident may need notifying: check whether it was a death, a serious injury, abuse or involved the police.'
        : null;
  return { needed: false, reasons: [], check };
}

/** Whether it goes straight to the worker's and the manager's attention: serious incidents and every safeguarding concern. */
export const needsAttention = (event: { kind: IncidentKind; severity: Severity }) =>
  event.kind === 'safeguarding' || event.severity === 'serious';
