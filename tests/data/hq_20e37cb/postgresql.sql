CREATE TABLE IF NOT EXISTS hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kiosks (
            name TEXT PRIMARY KEY,
            store_id TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT 'kiosk',
            token_hash TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            last_seen TEXT,
            last_seq BIGINT NOT NULL DEFAULT 0,
            events BIGINT NOT NULL DEFAULT 0,
            duplicates_ignored BIGINT NOT NULL DEFAULT 0,
            out_of_order BIGINT NOT NULL DEFAULT 0,
            dropped BIGINT NOT NULL DEFAULT 0,
            device_key TEXT  -- pinned Ed25519 key that signs its card registrations
        );
CREATE TABLE IF NOT EXISTS events (
            id BIGSERIAL PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            kiosk_id TEXT NOT NULL,
            store_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            kind TEXT NOT NULL,
            customer_id TEXT,
            session_id TEXT,
            sku TEXT,
            recommender TEXT,
            payload TEXT NOT NULL,
            ts TEXT NOT NULL,
            day TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            received TEXT NOT NULL
        );
CREATE INDEX IF NOT EXISTS events_customer ON events(customer_id);
CREATE INDEX IF NOT EXISTS events_store_day ON events(store_id, day);
CREATE TABLE IF NOT EXISTS changes (
            id BIGSERIAL PRIMARY KEY,
            kind TEXT NOT NULL,
            store_id TEXT,
            customer_id TEXT,
            data TEXT NOT NULL,
            created TEXT NOT NULL
        );
CREATE INDEX IF NOT EXISTS changes_customer ON changes(customer_id);
CREATE TABLE IF NOT EXISTS retractions (
            change_id BIGINT PRIMARY KEY,
            kind TEXT NOT NULL,
            retracted_by TEXT NOT NULL,
            at TEXT NOT NULL
        );
CREATE TABLE IF NOT EXISTS consents (
            customer_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            granted INTEGER NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (customer_id, purpose)
        );
CREATE TABLE IF NOT EXISTS erasures (
                digest TEXT PRIMARY KEY,
                origin TEXT NOT NULL,
                at TEXT NOT NULL
            );
CREATE TABLE IF NOT EXISTS hq_cards (
            card_id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL,
            kiosk TEXT NOT NULL,
            long_digest TEXT NOT NULL UNIQUE,
            short_digest TEXT NOT NULL UNIQUE,
            registered TEXT NOT NULL,
            revoked TEXT
        );
CREATE INDEX IF NOT EXISTS hq_cards_customer ON hq_cards(customer_id);
INSERT INTO hq_meta (key, value) VALUES ('public_key', 'D3R+CP8AhSvlrjNqwecpiaYHdXczwA614Il6FVOmtg0=');
INSERT INTO hq_meta (key, value) VALUES ('erasure_key_id', '18f0fa9efac1c337f401d010e812c401');
INSERT INTO kiosks (name, store_id, role, token_hash, created, last_seen, last_seq, events, duplicates_ignored, out_of_order, dropped, device_key) VALUES ('k1', 's1', 'kiosk', '315477a2be9fae62d833e6f832d77dbc050eec55bbdb35ad857e80b454ce6325', '2026-12-03T10:23:52.342480+00:00', '2026-12-03T10:23:52.352776+00:00', 52, 35, 6, 1, 2, 'UHvajtm8u/XHb4IJAqWLeUFuCjkQkLBYIto+31NIFng=');
INSERT INTO kiosks (name, store_id, role, token_hash, created, last_seen, last_seq, events, duplicates_ignored, out_of_order, dropped, device_key) VALUES ('k2', 's2', 'kiosk', 'cbe1845bb59f262c20c16b51ca0a1761a22a7061ba2f2f55c823cfd50a01eb1d', '2026-12-03T10:23:52.342654+00:00', '2026-12-03T10:23:52.344219+00:00', 107, 7, 0, 0, 0, NULL);
INSERT INTO kiosks (name, store_id, role, token_hash, created, last_seen, last_seq, events, duplicates_ignored, out_of_order, dropped, device_key) VALUES ('ops', '-', 'operator', '09b82fd5dbb742a10a00cb226d1f53ac5aae42c38112ba3d0c6a68ee48beb404', '2026-12-03T10:23:52.342693+00:00', NULL, 0, 0, 0, 0, 0, NULL);
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (1, '00000000-0000-4000-8000-000000000001', 'k1', 's1', 1, 'impression', 'c-2', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (2, '00000000-0000-4000-8000-000000000002', 'k1', 's1', 2, 'impression', 'c-3', 's-2', 'SKU-1', 'popular', '{"session_id":"s-2","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (4, '00000000-0000-4000-8000-000000000004', 'k1', 's1', 4, 'impression', 'c-1', 's-4', 'SKU-1', 'popular', '{"session_id":"s-4","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (5, '00000000-0000-4000-8000-000000000005', 'k1', 's1', 5, 'impression', 'c-2', 's-0', 'SKU-1', 'popular', '{"session_id":"s-0","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (6, '00000000-0000-4000-8000-000000000006', 'k1', 's1', 6, 'impression', 'c-3', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (8, '00000000-0000-4000-8000-000000000008', 'k1', 's1', 8, 'impression', 'c-1', 's-3', 'SKU-1', 'popular', '{"session_id":"s-3","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (9, '00000000-0000-4000-8000-000000000009', 'k1', 's1', 9, 'impression', 'c-2', 's-4', 'SKU-1', 'popular', '{"session_id":"s-4","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (10, '00000000-0000-4000-8000-000000000010', 'k1', 's1', 10, 'impression', 'c-3', 's-0', 'SKU-1', 'popular', '{"session_id":"s-0","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (12, '00000000-0000-4000-8000-000000000012', 'k1', 's1', 12, 'impression', 'c-1', 's-2', 'SKU-1', 'popular', '{"session_id":"s-2","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (13, '00000000-0000-4000-8000-000000000013', 'k1', 's1', 13, 'impression', 'c-2', 's-3', 'SKU-1', 'popular', '{"session_id":"s-3","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (14, '00000000-0000-4000-8000-000000000014', 'k1', 's1', 14, 'impression', 'c-3', 's-4', 'SKU-1', 'popular', '{"session_id":"s-4","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (16, '00000000-0000-4000-8000-000000000016', 'k1', 's1', 16, 'impression', 'c-1', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (17, '00000000-0000-4000-8000-000000000017', 'k1', 's1', 17, 'impression', 'c-2', 's-2', 'SKU-1', 'popular', '{"session_id":"s-2","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (18, '00000000-0000-4000-8000-000000000018', 'k1', 's1', 18, 'impression', 'c-3', 's-3', 'SKU-1', 'popular', '{"session_id":"s-3","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (20, '00000000-0000-4000-8000-000000000020', 'k1', 's1', 20, 'impression', 'c-1', 's-0', 'SKU-1', 'popular', '{"session_id":"s-0","sku":"SKU-1","recommender":"popular","items":[{"sku":"SKU-1","recommender":"popular"},{"sku":"SKU-2","recommender":"similar"},{"sku":"SKU-3","recommender":"popular"},{"sku":"SKU-4","recommender":"similar"}]}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (21, '00000000-0000-4000-8000-000000000021', 'k1', 's1', 21, 'save', 'c-2', 's-1', 'SKU-2', 'popular', '{"session_id":"s-1","sku":"SKU-2","recommender":"popular","note":"why? 100% sure"}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (22, '00000000-0000-4000-8000-000000000022', 'k1', 's1', 22, 'save', 'c-3', 's-2', 'SKU-3', 'popular', '{"session_id":"s-2","sku":"SKU-3","recommender":"popular","note":"why? 100% sure"}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (24, '00000000-0000-4000-8000-000000000024', 'k1', 's1', 24, 'save', 'c-1', 's-4', 'SKU-1', 'popular', '{"session_id":"s-4","sku":"SKU-1","recommender":"popular","note":"why? 100% sure"}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (25, '00000000-0000-4000-8000-000000000025', 'k1', 's1', 25, 'save', 'c-2', 's-0', 'SKU-2', 'popular', '{"session_id":"s-0","sku":"SKU-2","recommender":"popular","note":"why? 100% sure"}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (26, '00000000-0000-4000-8000-000000000026', 'k1', 's1', 26, 'save', 'c-3', 's-1', 'SKU-3', 'popular', '{"session_id":"s-1","sku":"SKU-3","recommender":"popular","note":"why? 100% sure"}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (28, '00000000-0000-4000-8000-000000000028', 'k1', 's1', 28, 'save', 'c-1', 's-3', 'SKU-1', 'popular', '{"session_id":"s-3","sku":"SKU-1","recommender":"popular","note":"why? 100% sure"}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (29, '00000000-0000-4000-8000-000000000029', 'k1', 's1', 29, 'save', 'c-2', 's-4', 'SKU-2', 'popular', '{"session_id":"s-4","sku":"SKU-2","recommender":"popular","note":"why? 100% sure"}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (30, '00000000-0000-4000-8000-000000000030', 'k1', 's1', 30, 'save', 'c-3', 's-0', 'SKU-3', 'popular', '{"session_id":"s-0","sku":"SKU-3","recommender":"popular","note":"why? 100% sure"}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.343408+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (37, '00000000-0000-4000-8000-000000000040', 'k1', 's1', 40, 'scan', 'c-1', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular"}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.344028+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (38, '00000000-0000-4000-8000-000000000035', 'k1', 's1', 35, 'scan', 'c-2', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular"}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.344123+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (39, '00000000-0000-4000-8000-000000000101', 'k2', 's2', 101, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (40, '00000000-0000-4000-8000-000000000102', 'k2', 's2', 102, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (41, '00000000-0000-4000-8000-000000000103', 'k2', 's2', 103, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (42, '00000000-0000-4000-8000-000000000104', 'k2', 's2', 104, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (43, '00000000-0000-4000-8000-000000000105', 'k2', 's2', 105, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (44, '00000000-0000-4000-8000-000000000106', 'k2', 's2', 106, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (45, '00000000-0000-4000-8000-000000000107', 'k2', 's2', 107, 'scan', 'c-3', 's-1', 'SKU-9', 'popular', '{"session_id":"s-1","sku":"SKU-9","recommender":"popular"}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.344219+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (46, '00000000-0000-4000-8000-000000000050', 'k1', 's1', 50, 'consent_changed', 'c-1', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular","purpose":"personalisation","granted":true}', '2026-01-03T10:00:00.000000+00:00', '2026-01-03', 1, '2026-12-03T10:23:52.352776+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (47, '00000000-0000-4000-8000-000000000051', 'k1', 's1', 51, 'consent_changed', 'c-2', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular","purpose":"personalisation","granted":true}', '2026-01-01T10:00:00.000000+00:00', '2026-01-01', 1, '2026-12-03T10:23:52.352776+00:00');
INSERT INTO events (id, uuid, kiosk_id, store_id, seq, kind, customer_id, session_id, sku, recommender, payload, ts, day, schema_version, received) VALUES (48, '00000000-0000-4000-8000-000000000052', 'k1', 's1', 52, 'consent_changed', 'c-2', 's-1', 'SKU-1', 'popular', '{"session_id":"s-1","sku":"SKU-1","recommender":"popular","purpose":"personalisation","granted":false}', '2026-01-02T10:00:00.000000+00:00', '2026-01-02', 1, '2026-12-03T10:23:52.352776+00:00');
INSERT INTO changes (id, kind, store_id, customer_id, data, created) VALUES (1, 'consent_withdrawn', NULL, 'c-2', '{"purpose":"personalisation"}', '2026-12-03T10:23:52.353235+00:00');
INSERT INTO changes (id, kind, store_id, customer_id, data, created) VALUES (2, 'product', NULL, NULL, '{"sku":"SKU-1","name":"Mug?","description":"100% stoneware? Yes.","price":4.5}', '2026-12-03T10:23:52.353413+00:00');
INSERT INTO changes (id, kind, store_id, customer_id, data, created) VALUES (3, 'stock', 's1', NULL, '{"sku":"SKU-1","quantity":3}', '2026-12-03T10:23:52.353480+00:00');
INSERT INTO changes (id, kind, store_id, customer_id, data, created) VALUES (4, 'profile', 's2', 'c-3', '{"first_name":"Ada"}', '2026-12-03T10:23:52.353548+00:00');
INSERT INTO changes (id, kind, store_id, customer_id, data, created) VALUES (5, 'stock', 's2', NULL, '{"sku":"SKU-9","quantity":7}', '2026-12-03T10:23:52.353548+00:00');
INSERT INTO changes (id, kind, store_id, customer_id, data, created) VALUES (6, 'erasure', NULL, NULL, '{"digest":"84f3084fc999b6f958d487d793dcc639ee53ea3ab5c61cab14236dc6dda5e650"}', '2026-12-03T10:23:52.353703+00:00');
INSERT INTO retractions (change_id, kind, retracted_by, at) VALUES (3, 'stock', 'cli:maker', '2026-12-03T10:23:52.353610+00:00');
INSERT INTO consents (customer_id, purpose, granted, at) VALUES ('c-1', 'personalisation', 1, '2026-01-03T10:00:00.000000+00:00');
INSERT INTO consents (customer_id, purpose, granted, at) VALUES ('c-2', 'personalisation', 0, '2026-01-02T10:00:00.000000+00:00');
INSERT INTO erasures (digest, origin, at) VALUES ('84f3084fc999b6f958d487d793dcc639ee53ea3ab5c61cab14236dc6dda5e650', 'operator:cli', '2026-12-03T10:23:52.353689+00:00');
INSERT INTO hq_cards (card_id, customer_id, kiosk, long_digest, short_digest, registered, revoked) VALUES ('card-c2', 'c-2', 'k1', '1b40a6d8a18b827dff392b5a059032b53d8a4d706aceab048bd02ae09d0b6497', 'dce2864bdcfa025eddc906425fdc0534b90a1a4df7efda5526ba58df385a3773', '2026-12-03T10:23:52.344830+00:00', NULL);
SELECT setval(pg_get_serial_sequence('changes', 'id'), 6);
SELECT setval(pg_get_serial_sequence('events', 'id'), 48);
