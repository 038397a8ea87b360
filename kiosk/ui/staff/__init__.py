"""The staff tablet app (``kiosk run --staff``): sign-in, client book, customer page,
curate, today's list and help requests, over ``kiosk.clienteling``'s staff session.

Same split as the shopper's kiosk: screens are thin widgets; presenters hold the
signed-in session and run every call on a worker thread.
"""
