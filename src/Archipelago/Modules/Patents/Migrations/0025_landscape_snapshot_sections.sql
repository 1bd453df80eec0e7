-- The column store's snapshot gains section offsets (ALS3), so a new process decodes it on all cores. Snapshots of the
-- old layout would not load, and none is saved where one is stored for the data's version: they go, and the next
-- landscape builds the store from the tables once and saves it in the new layout. The data is unchanged.
DELETE FROM patents_landscape_store;
