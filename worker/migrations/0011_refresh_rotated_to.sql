-- A refresh in one D1 round trip (issue 11): the claim of a refresh token records which successor won
-- it, so the successor's INSERT in the same batch can be conditional on "this request's claim won": of two
-- concurrent refreshes with one token one claim wins and one successor is stored (the loser presented a
-- rotated token, which ends the family as before: the widget serialises refreshes across tabs for that).
ALTER TABLE refresh_sessions ADD COLUMN rotated_to TEXT;
