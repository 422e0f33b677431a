-- Schemes made before carers' checks existed get the same default checks and training as a new
-- scheme (src/carers/checks/defaults.ts), so their managers start from a sensible list.
INSERT INTO check_types (scheme_id, name, kind, applies_to, valid_months, how_many, required, position)
SELECT s.id, d.name, d.kind, d.applies_to, d.valid_months, d.how_many, d.required, d.position
FROM schemes s
CROSS JOIN (VALUES
  ('DBS check (enhanced, with adults’ barred list)', 'check'::check_kind, 'every_adult'::check_applies_to, 36::integer, 1, true, 0),
  ('Reference', 'check'::check_kind, 'carer'::check_applies_to, null::integer, 2, true, 1),
  ('GP health check', 'check'::check_kind, 'carer'::check_applies_to, null::integer, 1, true, 2),
  ('Home health and safety check', 'check'::check_kind, 'carer'::check_applies_to, 12::integer, 1, true, 3),
  ('Public liability insurance', 'check'::check_kind, 'carer'::check_applies_to, 12::integer, 1, true, 4),
  ('Shared Lives induction', 'training'::check_kind, 'carer'::check_applies_to, null::integer, 1, true, 5),
  ('First aid', 'training'::check_kind, 'carer'::check_applies_to, 36::integer, 1, true, 6),
  ('Safeguarding adults', 'training'::check_kind, 'carer'::check_applies_to, 36::integer, 1, true, 7),
  ('Medication', 'training'::check_kind, 'carer'::check_applies_to, 36::integer, 1, true, 8),
  ('Moving and handling', 'training'::check_kind, 'carer'::check_applies_to, 36::integer, 1, false, 9),
  ('Mental Capacity Act', 'training'::check_kind, 'carer'::check_applies_to, 36::integer, 1, false, 10)
) AS d(name, kind, applies_to, valid_months, how_many, required, position)
WHERE NOT EXISTS (SELECT 1 FROM check_types t WHERE t.scheme_id = s.id);
