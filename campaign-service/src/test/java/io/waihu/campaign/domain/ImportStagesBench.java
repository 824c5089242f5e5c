package io.waihu.campaign.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.campaign.repository.ContactRepository;
import io.waihu.platform.persistence.JsonColumns;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a row's CPU goes in campaign-service, stage by stage, on one thread, warm: the rows of
 * bench/contact-import/run.sh. Not part of the normal test run (its name does not end in Test). Run:
 * {@code mvn -B -o verify -pl campaign-service -Dtest=ImportStagesBench -Dsurefire.failIfNoSpecifiedTests=false}
 * It prints one STAGES line per stage: microseconds per row (best of rounds 2..5 over 200,000 rows).
 */
class ImportStagesBench {

    static final int ROWS = Integer.getInteger("bench.rows", 200_000);

    @Test
    void stages() throws Exception {
        String csv = generate(ROWS);
        ImportRowParser parser = new ImportRowParser("CN", new ObjectMapper(), Instant.now());
        List<ImportCsvReader.CsvRecord> records = new ArrayList<>(ROWS);
        ImportCsvReader reader0 = new ImportCsvReader(new StringReader(csv));
        ImportRowParser.CsvLayout layout = ImportRowParser.layout(reader0.next().cells());
        for (ImportCsvReader.CsvRecord r; (r = reader0.next()) != null; ) {
            records.add(r);
        }
        List<ImportedContact> good = new ArrayList<>();
        for (ImportCsvReader.CsvRecord r : records) {
            ImportRowParser.Parsed p = parser.csv(r.line(), r.cells(), layout);
            if (p.contact() != null) {
                good.add(p.contact());
            }
        }
        assertThat(good).hasSize(ROWS - ROWS / 1000);
        List<String> numbers = new ArrayList<>();
        List<String> consentAt = new ArrayList<>();
        for (ImportCsvReader.CsvRecord r : records) {
            numbers.add(r.cells().get(2).trim());
            if (!r.cells().get(4).isBlank()) {
                numbers.add(r.cells().get(4).trim());
            }
            consentAt.add(r.cells().get(8));
        }

        stage("csv read (ImportCsvReader)", () -> {
            try {
                ImportCsvReader in = new ImportCsvReader(new StringReader(csv));
                int n = 0;
                while (in.next() != null) {
                    n++;
                }
                return n;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        stage("row parse, all of it (ImportRowParser.csv)", () -> {
            int n = 0;
            for (ImportCsvReader.CsvRecord r : records) {
                n += parser.csv(r.line(), r.cells(), layout).contact() == null ? 0 : 1;
            }
            return n;
        });
        stage("  of which libphonenumber (PhoneNumbers.normalise of the row's " + numbers.size() + " numbers)", () -> {
            int n = 0;
            for (String number : numbers) {
                n += PhoneNumbers.normalise(number, "CN").ok() ? 1 : 0;
            }
            return n;
        });
        stage("  of which consentAt before (OffsetDateTime.parse)", () -> {
            long n = 0;
            for (String at : consentAt) {
                n += OffsetDateTime.parse(at).toInstant().getEpochSecond();
            }
            return (int) n;
        });
        stage("  of which consentAt now (ImportRowParser.instant)", () -> {
            long n = 0;
            for (String at : consentAt) {
                n += ImportRowParser.instant(at).getEpochSecond();
            }
            return (int) n;
        });
        stage("JSON columns before (JsonColumns.write x3, Jackson)", () -> {
            int n = 0;
            for (ImportedContact c : good) {
                n += JsonColumns.write(c.phones()).length() + JsonColumns.write(c.attributes()).length()
                        + (c.consent() == null ? 0 : JsonColumns.write(c.consent()).length());
            }
            return n;
        });
        stage("JSON columns now (ImportJson x3)", () -> {
            int n = 0;
            for (ImportedContact c : good) {
                n += ImportJson.phones(c.phones()).length() + ImportJson.attributes(c.attributes()).length()
                        + (c.consent() == null ? 0 : ImportJson.consent(c.consent()).length());
            }
            return n;
        });
        stage("batch prepare, all of it (ContactRepository.prepare per 1,000)", () -> {
            int n = 0;
            for (int i = 0; i < good.size(); i += 1000) {
                n += ContactRepository.prepare(good.subList(i, Math.min(good.size(), i + 1000))).size();
            }
            return n;
        });
    }

    private static void stage(String name, Supplier<Integer> work) {
        double best = Double.MAX_VALUE;
        int sink = 0;
        for (int round = 1; round <= 5; round++) {
            long t0 = System.nanoTime();
            sink += work.get();
            double perRow = (System.nanoTime() - t0) / 1e3 / ROWS;
            if (round >= 2) {
                best = Math.min(best, perRow);
            }
        }
        System.out.printf("STAGES %-90s %6.2f us/row (sink %d)%n", name, best, sink);
    }

    /** The rows of bench/contact-import/run.sh. */
    static String generate(int rows) {
        String[] tier = {"gold", "silver", "bronze"};
        String[] city = {"Beijing", "Shanghai", "Shenzhen", "Chengdu"};
        StringBuilder sb = new StringBuilder(rows * 130);
        sb.append("externalId,name,phone1,phone1Type,phone2,phone2Type,zone,consentBasis,consentAt,consentSource,attr.tier,attr.city\n");
        for (int i = 0; i < rows; i++) {
            String p1 = i % 1000 == 999 ? "12345" : "13" + (i % 10) + String.format("%08d", i);
            String p2 = i % 3 == 0 ? "010 6" + String.format("%07d", i % 10_000_000) : "";
            sb.append("ext-").append(i).append(",Contact ").append(i).append(',').append(p1).append(",MOBILE,").append(p2).append(',')
                    .append(p2.isEmpty() ? "" : "HOME").append(",Asia/Shanghai,EXPRESS_CONSENT,2026-01-")
                    .append(String.format("%02d", i % 28 + 1)).append("T09:00:00Z,web-form,").append(tier[i % 3]).append(',')
                    .append(city[i % 4]).append('\n');
        }
        return sb.toString();
    }
}
