"""Head office: the service every kiosk syncs with.

- ``storage``: one storage interface, two backends (SQLite file, PostgreSQL);
- ``app``: the FastAPI application (``create_app``), with its OpenAPI spec;
- ``auth``: bearer tokens, their roles, and a cache of recently valid ones;
- ``body_guard``: no body is read before its caller is known, nor past the caps
  that ``limits`` sets (sizes, gzip inflation, JSON nesting);
- ``faults``: fault injection for tests (connection drops, 500s), off unless
  ``KIOSK_HQ_FAULTS`` is set;
- ``report``: the server-rendered report page;
- ``cli``: ``kiosk hq serve | add-kiosk | erase | publish | stats``.
"""
