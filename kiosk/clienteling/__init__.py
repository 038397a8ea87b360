"""The staff desk: what store staff do on a tablet (or at the command line), Qt-free.

Every read and write of a shopper's data goes through here, is allowed only for
shoppers who agreed to staff keeping a profile (``staff_profile``, checked on
every call) and is audited. Curated picks are record fields (``kiosk.chain``),
so they reach every device of the chain.
"""
