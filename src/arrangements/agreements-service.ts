import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { ARRANGEMENT_TYPE_NAMES } from '../carers/terms.js';
import { audit } from '../platform/audit/audit.js';
import type { Database, Tx } from '../platform/db/database.js';
import { schemes } from '../platform/db/schema.js';
import { forbidden, notFound } from '../platform/errors/errors.js';
import { InputProblem } from '../platform/forms/forms.js';
import { inScheme, type Actor } from '../platform/http/types.js';
import { formatDate } from '../platform/layout/views.js';
import { agreementAcknowledgements, agreements, agreementTemplates } from './schema.js';
import { constraintOf, openArrangement, type ArrangementRecord } from './service.js';
import {
  agreementKindsFor,
  AGREEMENT_KINDS,
  DEFAULT_TEMPLATES,
  fillTemplate,
  fundingWords,
  PLACEHOLDERS,
  unknownPlaceholders,
  type AgreementDetails,
  type AgreementKind,
} from './templates.js';
import { isStaff, requireStaff } from '../platform/permissions/staff.js';

export const PARTIES = ['person', 'carer', 'scheme'] as const;
export type Party = (typeof PARTIES)[number];

export interface TemplateInput {
  title: string;
  body: string;
  easyRead: string;
}

export interface Acknowledgement {
  party: Party;
  /** Staff say who acknowledged and as whom; the person and the carer acknowledge as themselves. */
  name: string | null;
  asWhom: string | null;
}

/** A new scheme's agreement templates, written in that scheme's scope when it is created. */
export async function addDefaultAgreementTemplates(tx: Tx, schemeId: string) {
  await tx.insert(agreementTemplates).values(
    DEFAULT_TEMPLATES.map((t) => ({
      schemeId,
      kind: t.kind,
      version: 1,
      title: t.title,
      body: t.body,
      easyRead: t.easyRead,
      byName: 'Hearth',
    })),
  );
}

const requireManager = (actor: Actor) => {
  if (actor.role !== 'scheme_manager') throw forbidden();
};

/** Which party the signed-in person or carer is on this arrangement; staff may record any party. */
const ownParty = (actor: Actor, record: ArrangementRecord): Party | null =>
  actor.role === 'person' && record.person.userId === actor.userId ? 'person' : actor.role === 'carer' ? 'carer' : null;

/** The scheme's agreement templates, versioned; and the agreements issued for each arrangement, with who acknowledged what. */
export function agreementsService(db: Database) {
  return {
    /** Each kind's current version, with every earlier one. */
    async templates(actor: Actor) {
      requireManager(actor);
      return db.inScope(actor, async (tx) => {
        const all = await tx.select().from(agreementTemplates).orderBy(asc(agreementTemplates.kind), desc(agreementTemplates.version));
        await audit(tx, actor, { action: 'viewed', recordType: 'agreement template' });
        return AGREEMENT_KINDS.map((kind) => {
          const versions = all.filter((t) => t.kind === kind);
          return { kind, current: versions[0] ?? null, versions };
        });
      });
    },

    /** Saves a change as a new version; the old version, and agreements issued from it, stay as they were. */
    async saveTemplate(actor: Actor, kind: AgreementKind, input: TemplateInput) {
      requireManager(actor);
      for (const field of ['body', 'easyRead'] as const) {
        const unknown = unknownPlaceholders(input[field]);
        if (unknown.length)
          throw new InputProblem(
            field,
            `Hearth cannot fill ${unknown.map((u) => `{${u}}`).join(', ')}: use only ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
          );
      }
      return db.inScope(actor, async (tx) => {
        const [current] = await tx
          .select()
          .from(agreementTemplates)
          .where(eq(agreementTemplates.kind, kind))
          .orderBy(desc(agreementTemplates.version))
          .limit(1);
        if (current && current.title === input.title && current.body === input.body && current.easyRead === input.easyRead) {
          throw new InputProblem('body', 'Nothing has changed: change the text to save a new version');
        }
        const version = (current?.version ?? 0) + 1;
        const [saved] = await oneAtATime('body', () =>
          tx
            .insert(agreementTemplates)
            .values({ schemeId: inScheme(actor).schemeId, kind, version, ...input, byUserId: actor.userId, byName: actor.name })
            .returning({ id: agreementTemplates.id }),
        );
        await audit(tx, actor, {
          action: 'created',
          recordType: 'agreement template',
          recordId: saved!.id,
          changes: { kind, version, ...input },
        });
        return { version };
      });
    },

    /** The arrangement's agreements, newest version first for each kind, with acknowledgements. */
    async list(actor: Actor, arrangementId: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const issued = await tx
          .select()
          .from(agreements)
          .where(eq(agreements.arrangementId, arrangementId))
          .orderBy(asc(agreements.kind), desc(agreements.version));
        const acks = await acknowledgementsOf(
          tx,
          issued.map((a) => a.id),
        );
        await audit(tx, actor, { action: 'listed', recordType: 'agreement', changes: { arrangementId } });
        const kinds = agreementKindsFor(record.arrangement.type).map((kind) => ({
          kind,
          versions: issued
            .filter((a) => a.kind === kind)
            .map((a) => ({ ...a, acknowledgements: acks.filter((k) => k.agreementId === a.id) })),
        }));
        return { ...record, kinds, ownParty: ownParty(actor, record) };
      });
    },

    /** Issues the arrangement's agreement of this kind from the current template, as a new version. */
    async issue(actor: Actor, arrangementId: string, kind: AgreementKind) {
      requireStaff(actor);
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        if (record.arrangement.status === 'ended')
          throw new InputProblem('kind', 'This arrangement has ended: its agreements can be read, not issued again');
        if (!agreementKindsFor(record.arrangement.type).includes(kind))
          throw new InputProblem('kind', 'Only live-in arrangements have a household agreement');
        const [template] = await tx
          .select()
          .from(agreementTemplates)
          .where(eq(agreementTemplates.kind, kind))
          .orderBy(desc(agreementTemplates.version))
          .limit(1);
        if (!template)
          throw new InputProblem('kind', 'There is no template for this agreement yet: a manager can write one under agreement templates');
        const details = await detailsFor(tx, actor, record);
        const [{ latest } = { latest: 0 }] = await tx
          .select({ latest: max(agreements.version) })
          .from(agreements)
          .where(and(eq(agreements.arrangementId, arrangementId), eq(agreements.kind, kind)));
        const version = (latest ?? 0) + 1;
        const [issued] = await oneAtATime('kind', () =>
          tx
            .insert(agreements)
            .values({
              schemeId: inScheme(actor).schemeId,
              arrangementId,
              kind,
              version,
              templateId: template.id,
              templateVersion: template.version,
              title: template.title,
              body: fillTemplate(template.body, details),
              easyRead: fillTemplate(template.easyRead, details),
              issuedByUserId: actor.userId,
              issuedByName: actor.name,
            })
            .returning({ id: agreements.id }),
        );
        await audit(tx, actor, {
          action: 'created',
          recordType: 'agreement',
          recordId: issued!.id,
          subjectUserId: record.person.userId,
          changes: { arrangementId, kind, version, templateVersion: template.version },
        });
        return { id: issued!.id };
      });
    },

    /** One issued agreement to read, with who has acknowledged it, and what the reader may acknowledge. */
    async read(actor: Actor, arrangementId: string, agreementId: string) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const agreement = await agreementOf(tx, arrangementId, agreementId);
        const [{ latest } = { latest: 0 }] = await tx
          .select({ latest: max(agreements.version) })
          .from(agreements)
          .where(and(eq(agreements.arrangementId, arrangementId), eq(agreements.kind, agreement.kind)));
        const acknowledgements = await acknowledgementsOf(tx, [agreementId]);
        await audit(tx, actor, { action: 'viewed', recordType: 'agreement', recordId: agreementId, subjectUserId: record.person.userId });
        return { ...record, agreement, acknowledgements, isLatest: agreement.version === latest, ownParty: ownParty(actor, record) };
      });
    },

    async acknowledge(actor: Actor, arrangementId: string, agreementId: string, input: Acknowledgement) {
      return db.inScope(actor, async (tx) => {
        const record = await openArrangement(tx, actor, arrangementId);
        const agreement = await agreementOf(tx, arrangementId, agreementId);
        const own = ownParty(actor, record);
        if (!isStaff(actor) && own !== input.party) throw forbidden();
        const [{ latest } = { latest: 0 }] = await tx
          .select({ latest: max(agreements.version) })
          .from(agreements)
          .where(and(eq(agreements.arrangementId, arrangementId), eq(agreements.kind, agreement.kind)));
        if (agreement.version !== latest)
          throw new InputProblem('party', 'A newer version of this agreement has been issued: read and acknowledge that one');
        const [already] = await tx
          .select({ id: agreementAcknowledgements.id })
          .from(agreementAcknowledgements)
          .where(and(eq(agreementAcknowledgements.agreementId, agreementId), eq(agreementAcknowledgements.party, input.party)));
        if (already) throw new InputProblem('party', 'This has already been acknowledged for them');
        const who = isStaff(actor)
          ? { name: input.name!, asWhom: input.asWhom! }
          : { name: actor.name ?? '', asWhom: input.party === 'person' ? 'The person, themselves' : 'The Shared Lives carer' };
        const [saved] = await tx
          .insert(agreementAcknowledgements)
          .values({ schemeId: inScheme(actor).schemeId, agreementId, party: input.party, ...who, recordedByUserId: actor.userId })
          .returning({ id: agreementAcknowledgements.id });
        await audit(tx, actor, {
          action: 'created',
          recordType: 'agreement acknowledgement',
          recordId: saved!.id,
          subjectUserId: record.person.userId,
          changes: { agreementId, party: input.party, ...who },
        });
      });
    },
  };
}

/** Two people saving a version at once: the unique version number lets one in; the other is told, not shown an error page. */
async function oneAtATime<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (['agreement_templates_version', 'agreements_version'].includes(constraintOf(error) ?? '')) {
      throw new InputProblem(field, 'Someone else saved a new version at the same moment: look again, then try again');
    }
    throw error;
  }
}

async function agreementOf(tx: Tx, arrangementId: string, agreementId: string) {
  const [agreement] = await tx
    .select()
    .from(agreements)
    .where(and(eq(agreements.id, agreementId), eq(agreements.arrangementId, arrangementId)));
  if (!agreement) throw notFound();
  return agreement;
}

async function acknowledgementsOf(tx: Tx, agreementIds: string[]) {
  if (!agreementIds.length) return [];
  return tx
    .select()
    .from(agreementAcknowledgements)
    .where(inArray(agreementAcknowledgements.agreementId, agreementIds))
    .orderBy(asc(agreementAcknowledgements.at));
}

/** What fills an agreement's placeholders, from the arrangement as it is now. */
async function detailsFor(tx: Tx, actor: Actor, record: ArrangementRecord): Promise<AgreementDetails> {
  const { arrangement, person } = record;
  const [scheme] = await tx
    .select({ name: schemes.name })
    .from(schemes)
    .where(eq(schemes.id, inScheme(actor).schemeId));
  return {
    person: person.name,
    carer: arrangement.carerName,
    'start date': formatDate(arrangement.startsOn),
    'planned end': arrangement.plannedEndOn ? `It is planned to end on ${formatDate(arrangement.plannedEndOn)}` : 'No end date is planned',
    type: ARRANGEMENT_TYPE_NAMES[arrangement.type].toLowerCase(),
    funding: fundingWords(arrangement.funder, arrangement.funderDetail, person.name),
    scheme: scheme?.name ?? '',
    worker: arrangement.workerName ?? 'the scheme’s worker',
  };
}

export type AgreementsService = ReturnType<typeof agreementsService>;
