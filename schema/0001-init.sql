-- placeholder: replaced by the store module's real schema
CREATE TABLE IF NOT EXISTS placeholder (x INTEGER) STRICT;
