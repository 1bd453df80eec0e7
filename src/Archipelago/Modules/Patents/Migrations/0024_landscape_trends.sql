-- The landscape report gains the top applicants' and subclasses' trends, their growth and the co-applicant network.
-- Stored unfiltered reports were written without them: they go, and the next landscape counts them again from the
-- column store (its snapshot is unchanged and stays).
DELETE FROM patents_landscape_summary;
