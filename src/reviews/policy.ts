import { sql, type SQL } from 'drizzle-orm';
import { pgPolicy } from 'drizzle-orm/pg-core';
import { actingAsStaff } from '../platform/permissions/staff.js';
import { appRole, currentRole, currentUserId } from '../platform/db/tenancy.js';

/*
 * Who sees and writes reviews, on top of tenant isolation:
 * - read: whoever sees the arrangement (staff; its carer; the person), except that someone in the
 *   person's circle of support reads reviews only with consent to see the support plan ('support_plan'),
 *   since a review is how the plan is going;
 * - the worker's private notes: staff only;
 * - the person's view: staff, or the person for themselves; the carer's view: staff, or the carer of
 *   the arrangement; both only while the review is open. Everything else: staff.
 */

const arrangementOf = (reviewId: SQL) => sql`(select r.arrangement_id from arrangement_reviews r where r.id = ${reviewId})`;

/** Visible with its arrangement (whose own policy applies inside), and to the circle only with support-plan consent. */
export const reviewVisible = (arrangementId: SQL) =>
  pgPolicy('review_visible', {
    as: 'restrictive',
    for: 'select',
    to: appRole,
    using: sql`exists (select 1 from arrangements a where a.id = ${arrangementId}
    and (${currentRole} <> 'circle_member' or hearth_may_see_person(a.person_id, 'support_plan')))`,
  });

export const partOfReviewVisible = (reviewId: SQL) => reviewVisible(arrangementOf(reviewId));

const openReview = (
  reviewId: SQL,
  who: SQL,
) => sql`exists (select 1 from arrangement_reviews r join arrangements a on a.id = r.arrangement_id
  where r.id = ${reviewId} and r.completed_at is null and (${actingAsStaff} or ${who}))`;

/** Writes to a party's view of an open review: staff, or that party (`who` is said of the arrangement `a`). */
export const viewWrites = (reviewId: SQL, who: SQL) =>
  (['insert', 'update'] as const).map((action) =>
    pgPolicy(`party_writes_${action}`, {
      as: 'restrictive',
      for: action,
      to: appRole,
      ...(action === 'insert'
        ? { withCheck: openReview(reviewId, who) }
        : { using: openReview(reviewId, who), withCheck: openReview(reviewId, who) }),
    }),
  );

export const thePerson = sql`${currentRole} = 'person' and exists (select 1 from people p where p.id = a.person_id and p.user_id = ${currentUserId})`;
export const theCarer = sql`${currentRole} = 'carer' and exists (select 1 from carers c where c.id = a.carer_id and c.user_id = ${currentUserId})`;

export const noDeletes = pgPolicy('never_deleted', { as: 'restrictive', for: 'delete', to: appRole, using: sql`false` });

export const staffOnly = pgPolicy('staff_only', {
  as: 'restrictive',
  for: 'all',
  to: appRole,
  using: actingAsStaff,
  withCheck: actingAsStaff,
});

/** Staff write; and once a review is completed, it stays as it was. */
export const staffWritesOpen = (reviewId: SQL) =>
  (['insert', 'update', 'delete'] as const).map((action) => {
    const rule = sql`${actingAsStaff} and exists (select 1 from arrangement_reviews r where r.id = ${reviewId} and r.completed_at is null)`;
    return pgPolicy(`staff_writes_${action}`, {
      as: 'restrictive',
      for: action,
      to: appRole,
      ...(action === 'insert' ? { withCheck: rule } : { using: rule }),
    });
  });
