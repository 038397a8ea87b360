"""Head office: the service every kiosk syncs with.

- ``storage``: one storage interface, two backends (SQLite file, PostgreSQL);
- ``app``: the FastAPI application (``create_app``), with its OpenAPI spec;
- ``faults``: fault injection for tests (connection drops, 500s), off unless
  ``KIOSK_HQ_FAULTS`` is set;
- ``report``: the server-rendered report page;
- ``cli``: ``kiosk hq serve | add-kiosk | erase | publish | stats``.
"""
