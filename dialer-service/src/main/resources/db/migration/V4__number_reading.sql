-- libphonenumber's reading of the number (DialRequested.numberType/rangeCarrier), kept with the queued request and the
-- call so the CallEnded of the attempt carries it to billing, also after a restart. NULL: the request carried none.
ALTER TABLE dial_request ADD COLUMN number_type TEXT;
ALTER TABLE dial_request ADD COLUMN range_carrier TEXT;
ALTER TABLE dialer_call ADD COLUMN number_type TEXT;
ALTER TABLE dialer_call ADD COLUMN range_carrier TEXT;
