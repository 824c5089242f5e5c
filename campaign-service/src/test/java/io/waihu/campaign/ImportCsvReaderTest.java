package io.waihu.campaign;

import io.waihu.campaign.domain.ImportCsvReader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportCsvReaderTest {

    private static List<ImportCsvReader.CsvRecord> readAll(String csv) throws IOException {
        ImportCsvReader reader = new ImportCsvReader(new StringReader(csv));
        List<ImportCsvReader.CsvRecord> out = new ArrayList<>();
        for (ImportCsvReader.CsvRecord r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    private static String quote(String cell) {
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    @Test
    void quotedCellsLineBreaksAndLineNumbers() throws IOException {
        List<ImportCsvReader.CsvRecord> records = readAll("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n\n2,\"two\nlines\",\n3,,z");
        assertThat(records).extracting(ImportCsvReader.CsvRecord::line).containsExactly(1L, 2L, 4L, 6L);
        assertThat(records.get(1).cells()).containsExactly("1", "x, y", "say \"hi\"");
        assertThat(records.get(2).cells()).containsExactly("2", "two\nlines", "");
        assertThat(records.get(3).cells()).containsExactly("3", "", "z");
    }

    @Test
    void brokenQuotingIsReportedWithItsLineAndReadingGoesOn() throws IOException {
        ImportCsvReader reader = new ImportCsvReader(new StringReader("h\n\"ok\"x,1\nnext\n"));
        assertThat(reader.next().line()).isEqualTo(1);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(ImportCsvReader.MalformedCsvException.class,
                e -> assertThat(e.line()).isEqualTo(2));
        ImportCsvReader.CsvRecord next = reader.next();
        assertThat(next.line()).isEqualTo(3);
        assertThat(next.cells()).containsExactly("next");
        assertThatThrownBy(() -> readAll("a\n\"never closed")).isInstanceOf(ImportCsvReader.MalformedCsvException.class);
    }

    /** Whatever the cells hold, quoting them and reading them back gives the same cells. */
    @Property(tries = 300)
    void quotedCellsRoundTrip(@ForAll @Size(min = 1, max = 6) List<@StringLength(max = 30) @Chars({'a', 'Z', '9', ',', '"', '\n', '\r', ' ', '中'}) String> cells)
            throws IOException {
        String line = String.join(",", cells.stream().map(ImportCsvReaderTest::quote).toList());
        List<ImportCsvReader.CsvRecord> records = readAll("header\n" + line + "\nlast\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(1).cells()).containsExactlyElementsOf(cells);
        long breaks = line.chars().filter(c -> c == '\n').count();
        assertThat(records.get(2).line()).isEqualTo(3 + breaks);
    }
}
