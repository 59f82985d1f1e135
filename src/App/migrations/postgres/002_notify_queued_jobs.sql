-- Wakes the workers (LISTEN app_jobs) whenever a job is queued or queued again, whichever process wrote it.
CREATE FUNCTION notify_queued_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('app_jobs', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_queued
    AFTER INSERT OR UPDATE OF status ON jobs
    FOR EACH ROW WHEN (NEW.status = 'queued')
    EXECUTE FUNCTION notify_queued_job();
