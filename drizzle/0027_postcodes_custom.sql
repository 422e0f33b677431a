-- Postcodes are national reference data: requests read them, and add only what the online lookup
-- answers (the postcodes_online policy). The national files are loaded by the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON postcodes FROM hearth_app;
