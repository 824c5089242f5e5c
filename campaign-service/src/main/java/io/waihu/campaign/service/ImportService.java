package io.waihu.campaign.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.waihu.campaign.domain.ContactList;
import io.waihu.campaign.domain.ContactStatus;
import io.waihu.campaign.domain.ImportCsvReader;
import io.waihu.campaign.domain.ImportFormat;
import io.waihu.campaign.domain.ImportJob;
import io.waihu.campaign.domain.ImportRowError;
import io.waihu.campaign.domain.ImportRowParser;
import io.waihu.campaign.domain.ImportStatus;
import io.waihu.campaign.domain.ImportedContact;
import io.waihu.campaign.repository.ContactListRepository;
import io.waihu.campaign.repository.ContactRepository;
import io.waihu.campaign.repository.ImportJobRepository;
import io.waihu.platform.rest.CsvCells;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Contact uploads as jobs. The request body is copied to a temporary file as it arrives (constant memory, the client
 * is answered 202 at once), then one import worker reads the file row by row and hands chunks of rows to the parse
 * threads, which validate and normalise them and prepare each chunk's batch; the worker takes the chunks back in file
 * order and upserts each batch by external id in one statement, up to two at once when they share no external id.
 * Progress and refused rows (in line order) are stored with the job as it goes.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    /** Refused rows kept per job; the counters go on beyond it. */
    public static final int MAX_STORED_ERRORS = 100_000;
    private static final long PROGRESS_EVERY_MS = 250;
    /** After a batch's plain insert met a stored contact, this many batches go straight to the upsert. */
    static final int UPSERTS_AFTER_CONFLICT = 16;

    private final ContactListRepository lists;
    private final ContactRepository contacts;
    private final ImportJobRepository jobs;
    private final int batchSize;
    private final Path spoolDir;
    private final ExecutorService workers;
    private final ExecutorService parsers;
    private final int parseThreads;
    private final int writesInFlight;
    private final ObjectMapper json = new ObjectMapper();

    public ImportService(ContactListRepository lists, ContactRepository contacts, ImportJobRepository jobs,
                         @ConfigProperty(name = "waihu.imports.batch-size", defaultValue = "1000") int batchSize,
                         @ConfigProperty(name = "waihu.imports.workers", defaultValue = "1") int workerCount,
                         @ConfigProperty(name = "waihu.imports.spool-dir") java.util.Optional<String> spoolDir,
                         @ConfigProperty(name = "waihu.imports.parse-threads") java.util.Optional<Integer> parseThreads,
                         @ConfigProperty(name = "waihu.imports.writes-in-flight", defaultValue = "2") int writesInFlight) {
        this.lists = lists;
        this.contacts = contacts;
        this.jobs = jobs;
        this.batchSize = batchSize;
        this.writesInFlight = Math.max(1, writesInFlight);
        this.spoolDir = Path.of(spoolDir.orElse(System.getProperty("java.io.tmpdir")));
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread t = new Thread(r, "contact-import-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.parseThreads = parseThreads.orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger p = new AtomicInteger();
        this.parsers = Executors.newFixedThreadPool(this.parseThreads, r -> {
            Thread t = new Thread(r, "contact-import-parse-" + p.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent event) {
        // a job's spooled file does not survive the process: what was running or waiting cannot go on
        jobs.failUnfinished("interrupted: the service stopped before the import finished; rows written so far stay, upload the file again")
                .subscribe().with(n -> {
                    if (n > 0) {
                        LOG.warnf("marked %d unfinished contact imports as failed", n);
                    }
                }, e -> LOG.warn("could not mark unfinished contact imports as failed", e));
    }

    void onStop(@Observes ShutdownEvent event) {
        workers.shutdownNow();
        parsers.shutdownNow();
    }

    /**
     * Stores the upload and queues its job. Blocking: call on a worker thread.
     *
     * @throws ProblemException 404 for an unknown list, 400 for an empty body or an unusable CSV header
     */
    public ImportJob submit(String tenantId, String listId, ImportFormat format, InputStream body) {
        ContactList list = lists.find(tenantId, listId).await().indefinitely()
                .orElseThrow(() -> ProblemException.notFound("contact list", listId));
        UUID id = UUID.randomUUID();
        Path file;
        long size;
        try {
            file = Files.createTempFile(spoolDir, "contact-import-" + id, "." + format.name().toLowerCase());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a file for the upload in " + spoolDir, e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            size = body.transferTo(out);
        } catch (IOException e) {
            // e.g. the client went away mid-upload: nothing was queued, leave nothing behind
            deleteQuietly(file);
            throw new UncheckedIOException("could not store the upload", e);
        }
        try {
            if (size == 0) {
                throw SuppressionService.invalid("body", "is empty");
            }
            if (format == ImportFormat.CSV) {
                checkHeader(file);
            }
            jobs.insert(id, tenantId, listId, format, size).await().indefinitely();
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        workers.submit(() -> run(id, tenantId, list, format, file, size));
        return jobs.find(tenantId, id).await().indefinitely().orElseThrow();
    }

    public Uni<ImportJob> get(String tenantId, UUID jobId) {
        return jobs.find(tenantId, jobId).map(found -> found.orElseThrow(() -> ProblemException.notFound("import", jobId)));
    }

    public Uni<Page<ImportJob>> list(String tenantId, String listId, PageParams page) {
        return Page.of(jobs.page(tenantId, listId, page), jobs.count(tenantId, listId), page);
    }

    public Uni<Page<ImportRowError>> errors(String tenantId, UUID jobId, PageParams page) {
        return get(tenantId, jobId).chain(job -> jobs.errors(tenantId, jobId, page.offset(), page.size)
                .map(items -> Page.of(items, page, job.errorsStored())));
    }

    /** Every stored refusal of the job in file order, fetched a slice at a time. Blocking. */
    public void writeErrorsCsv(String tenantId, UUID jobId, OutputStream out) throws IOException {
        get(tenantId, jobId).await().indefinitely();
        out.write("line,column,reason\n".getBytes(StandardCharsets.UTF_8));
        int slice = 5000;
        for (long offset = 0; ; offset += slice) {
            List<ImportRowError> page = jobs.errors(tenantId, jobId, offset, slice).await().indefinitely();
            StringBuilder sb = new StringBuilder(page.size() * 64);
            for (ImportRowError e : page) {
                sb.append(e.line()).append(',').append(CsvCells.text(e.column())).append(',').append(CsvCells.text(e.reason())).append('\n');
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            if (page.size() < slice) {
                return;
            }
        }
    }

    private static void checkHeader(Path file) {
        try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            ImportCsvReader.CsvRecord header = new ImportCsvReader(in).next();
            if (header == null) {
                throw SuppressionService.invalid("body", "has no header line");
            }
            ImportRowParser.layout(header.cells());
        } catch (ImportRowParser.BadHeaderException e) {
            throw SuppressionService.invalid("header", e.getMessage());
        } catch (ImportCsvReader.MalformedCsvException e) {
            throw SuppressionService.invalid("header", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One chunk of rows after parsing: its refusals in line order, and its good rows ready to write (or null). */
    private record ParsedChunk(List<ImportRowError> errors, long rejected, ContactRepository.ImportBatch batch) {
    }

    /** A batch sent to the database, with the refusals of its chunk, held back so refusals are stored in line order. */
    private record Write(ParsedChunk chunk, java.util.Set<String> keys, CompletableFuture<ContactRepository.ImportWrite> result) {
    }

    /** The running count of one job, and the writes in flight. */
    private final class Run {
        final UUID id;
        final String tenantId;
        final String listId;
        final CountingInputStream counted;
        long read;
        long accepted;
        long rejected;
        long keptOptedOut;
        long errorsStored;
        long errorsDropped;
        final List<ImportRowError> newErrors = new ArrayList<>();
        final java.util.ArrayDeque<Write> inFlight = new java.util.ArrayDeque<>();
        long lastProgress = System.currentTimeMillis();
        /** Batches left to write with the upsert before the plain insert is tried again (see {@link #write}). */
        int upsertsBeforeInsert;

        Run(UUID id, String tenantId, String listId, CountingInputStream counted) {
            this.id = id;
            this.tenantId = tenantId;
            this.listId = listId;
            this.counted = counted;
        }

        void error(List<ImportRowError> errors) {
            for (ImportRowError e : errors) {
                if (errorsStored + newErrors.size() < MAX_STORED_ERRORS) {
                    newErrors.add(e);
                } else {
                    errorsDropped++;
                }
            }
        }

        /**
         * Sends the chunk's batch. Up to {@code writesInFlight} batches run at once on separate connections, but only
         * batches with no external id in common: a later row of an id must never be overtaken by an earlier one.
         * Chunks are settled in file order.
         */
        void write(ParsedChunk chunk) {
            ContactRepository.ImportBatch batch = chunk.batch();
            if (batch == null) {
                while (!inFlight.isEmpty()) {
                    settleOldest();
                }
                settle(chunk, Map.of());
                return;
            }
            java.util.Set<String> keys = writesInFlight > 1 ? new java.util.HashSet<>(java.util.Arrays.asList(batch.externalIds())) : java.util.Set.of();
            while (!inFlight.isEmpty() && (inFlight.size() >= writesInFlight || overlaps(keys))) {
                settleOldest();
            }
            // A batch is tried as a plain insert (new contacts: the cheap write) unless a recent batch met stored
            // contacts: a re-upload of a list would otherwise fail each insert before its upsert.
            boolean insertFirst = upsertsBeforeInsert == 0;
            if (!insertFirst) {
                upsertsBeforeInsert--;
            }
            inFlight.add(new Write(chunk, keys, contacts.writeImported(tenantId, listId, batch, insertFirst).subscribeAsCompletionStage()));
        }

        private boolean overlaps(java.util.Set<String> keys) {
            for (Write w : inFlight) {
                for (String k : keys) {
                    if (w.keys().contains(k)) {
                        return true;
                    }
                }
            }
            return false;
        }

        void settleAll() {
            while (!inFlight.isEmpty()) {
                settleOldest();
            }
        }

        private void settleOldest() {
            Write w = inFlight.poll();
            ContactRepository.ImportWrite written = w.result().join();
            if (written.conflicted()) {
                upsertsBeforeInsert = UPSERTS_AFTER_CONFLICT;
            }
            settle(w.chunk(), written.exceptions());
        }

        private void settle(ParsedChunk chunk, Map<String, ContactStatus> exceptions) {
            ContactRepository.ImportBatch batch = chunk.batch();
            List<ImportRowError> errors = chunk.errors();
            long refused = chunk.rejected();
            if (batch != null) {
                List<ImportRowError> erased = new ArrayList<>(0);
                for (int i = 0; i < batch.size(); i++) {
                    ContactStatus status = exceptions.get(batch.externalIds()[i]);
                    // the earlier rows of a repeated external id in the chunk were replaced by its last row: same fate
                    long[] earlier = batch.earlierLines()[i];
                    int rows = 1 + (earlier == null ? 0 : earlier.length);
                    if (status == ContactStatus.ERASED) {
                        String reason = "contact '" + batch.externalIds()[i] + "' was erased on request; an erased contact is never re-imported";
                        if (earlier != null) {
                            for (long line : earlier) {
                                erased.add(new ImportRowError(line, "externalId", reason));
                            }
                        }
                        erased.add(new ImportRowError(batch.lines()[i], "externalId", reason));
                        refused += rows;
                    } else {
                        accepted += rows;
                        if (status == ContactStatus.OPTED_OUT) {
                            keptOptedOut += rows;
                        }
                    }
                }
                if (!erased.isEmpty()) {
                    List<ImportRowError> merged = new ArrayList<>(errors);
                    merged.addAll(erased);
                    merged.sort(java.util.Comparator.comparingLong(ImportRowError::line)); // stable: a row's own errors keep their order
                    errors = merged;
                }
            }
            rejected += refused;
            error(errors);
            if (System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MS) {
                saveProgress();
            }
        }

        void saveProgress() {
            List<ImportRowError> errors = List.copyOf(newErrors);
            jobs.progress(id, tenantId, counted.count, read, accepted, rejected, keptOptedOut, errorsStored, errors).await().indefinitely();
            errorsStored += errors.size();
            newErrors.clear();
            lastProgress = System.currentTimeMillis();
        }
    }

    /** A row as read, before parsing: CSV cells or a JSON line, or the reason it could not be read at all. */
    private record RawRow(long line, List<String> cells, String text, ImportRowError unreadable) {
    }

    private void run(UUID id, String tenantId, ContactList list, ImportFormat format, Path file, long size) {
        long started = System.nanoTime();
        try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(file));
             Reader reader = new InputStreamReader(counted, StandardCharsets.UTF_8)) {
            jobs.started(id).await().indefinitely();
            Run run = new Run(id, tenantId, list.id(), counted);
            ImportRowParser parser = new ImportRowParser(list.defaultRegion(), json, Instant.now());
            // Rows are parsed a chunk at a time on the parse threads (number validation is the costly part), which also
            // build the chunk's batch; chunks are taken in file order here, so at most a few chunks are in memory.
            java.util.ArrayDeque<CompletableFuture<ParsedChunk>> parsing = new java.util.ArrayDeque<>();
            List<RawRow> chunk = new ArrayList<>(batchSize);
            ImportCsvReader csv = null;
            ImportRowParser.CsvLayout layout = null;
            BufferedReader lines = null;
            if (format == ImportFormat.CSV) {
                csv = new ImportCsvReader(reader);
                layout = ImportRowParser.layout(csv.next().cells());
            } else {
                lines = new BufferedReader(reader, 64 * 1024);
            }
            long lineNo = 0;
            while (true) {
                RawRow raw;
                if (csv != null) {
                    try {
                        ImportCsvReader.CsvRecord rec = csv.next();
                        raw = rec == null ? null : new RawRow(rec.line(), rec.cells(), null, null);
                    } catch (ImportCsvReader.MalformedCsvException e) {
                        raw = new RawRow(e.line(), null, null, new ImportRowError(e.line(), null, e.getMessage()));
                    }
                } else {
                    String text = lines.readLine();
                    lineNo++;
                    if (text != null && text.isBlank()) {
                        continue;
                    }
                    raw = text == null ? null : new RawRow(lineNo, null, text, null);
                }
                if (raw != null) {
                    run.read++;
                    chunk.add(raw);
                }
                if (chunk.size() == batchSize || raw == null && !chunk.isEmpty()) {
                    List<RawRow> rows = chunk;
                    ImportRowParser.CsvLayout l = layout;
                    parsing.add(CompletableFuture.supplyAsync(() -> parseChunk(parser, l, rows), parsers));
                    chunk = new ArrayList<>(batchSize);
                }
                while (!parsing.isEmpty() && (parsing.size() > parseThreads + 1 || raw == null)) {
                    run.write(parsing.poll().join());
                }
                if (raw == null) {
                    break;
                }
            }
            run.settleAll();
            if (run.errorsDropped > 0) {
                LOG.infof("import %s: %d refusals beyond the first %d were counted, not stored", id, run.errorsDropped, MAX_STORED_ERRORS);
            }
            run.saveProgress();
            jobs.finished(id, ImportStatus.COMPLETED, null).await().indefinitely();
            LOG.infof("import %s: %d rows (%d accepted, %d rejected) of %d bytes in %.1f s", id, run.read, run.accepted,
                    run.rejected, size, (System.nanoTime() - started) / 1e9);
        } catch (Throwable e) {
            LOG.errorf(e, "import %s failed", id);
            try {
                jobs.finished(id, ImportStatus.FAILED, "stopped by an internal error; rows written so far stay").await().indefinitely();
            } catch (RuntimeException again) {
                LOG.error("could not mark import " + id + " as failed", again);
            }
        } finally {
            deleteQuietly(file);
        }
    }

    private static ParsedChunk parseChunk(ImportRowParser parser, ImportRowParser.CsvLayout layout, List<RawRow> rows) {
        List<ImportRowError> errors = new ArrayList<>(0);
        List<ImportedContact> good = new ArrayList<>(rows.size());
        long rejected = 0;
        for (RawRow r : rows) {
            ImportRowParser.Parsed parsed;
            if (r.unreadable() != null) {
                parsed = new ImportRowParser.Parsed(null, List.of(r.unreadable()));
            } else if (r.cells() != null) {
                parsed = parser.csv(r.line(), r.cells(), layout);
            } else {
                parsed = parser.jsonLine(r.line(), r.text());
            }
            if (parsed.contact() == null) {
                rejected++;
                errors.addAll(parsed.errors());
            } else {
                good.add(parsed.contact());
            }
        }
        return new ParsedChunk(errors, rejected, good.isEmpty() ? null : ContactRepository.prepare(good));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("could not delete the spooled upload %s", file);
        }
    }

    /** Counts the bytes the parser has consumed, for the job's percent done. */
    private static final class CountingInputStream extends FilterInputStream {
        volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
