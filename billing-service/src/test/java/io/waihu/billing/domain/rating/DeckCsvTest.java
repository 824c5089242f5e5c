package io.waihu.billing.domain.rating;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4180 as decks use it: quoted cells with commas, doubled quotes and line breaks; a row's line is where it starts. */
class DeckCsvTest {

    private static final String HEADER = DeckCsv.header() + "\n";

    private record Read(List<DeckRow> rows, List<DeckError> errors) {
    }

    private static Read read(String csv) throws IOException {
        List<DeckRow> rows = new ArrayList<>();
        List<DeckError> errors = new ArrayList<>();
        DeckCsv.read(new StringReader(csv), rows::add, errors);
        return new Read(rows, errors);
    }

    @Test
    void aQuotedCellMayHoldALineBreakAndTheNextRowKeepsItsOwnLine() throws IOException {
        Read read = read(HEADER
                + "86,\"China fixed,\nall regions\",NATIONAL,peak,0,0.06,60,1,0,,,,,HALF_UP,4\n"
                + "86138,\"A \"\"big\"\" carrier\",MOBILE,peak,0,0.10,60,6,0.05,,,,,HALF_UP,4\n");

        assertThat(read.errors()).isEmpty();
        assertThat(read.rows()).extracting(DeckRow::line).containsExactly(2, 4);
        assertThat(read.rows()).extracting(DeckRow::destinationName)
                .containsExactly("China fixed,\nall regions", "A \"big\" carrier");
        assertThat(read.rows().get(0).destinationClass()).isEqualTo("NATIONAL");
        assertThat(read.rows().get(1).rate()).isEqualTo("0.10");
    }

    @Test
    void aRowWrittenWithALineBreakReadsBackTheSame() throws IOException {
        DeckRow row = DeckRow.of(2, new String[]{"86", "China\r\nfixed \"lines\", east", "NATIONAL", "peak", "0", "0.06",
                "60", "1", "0", "", "", "", "", "HALF_UP", "4"});

        Read read = read(HEADER + DeckCsv.line(row) + "\n");

        assertThat(read.errors()).isEmpty();
        assertThat(read.rows()).hasSize(1);
        // a line break inside a cell reads back as \n, whichever the file used
        assertThat(read.rows().get(0).destinationName()).isEqualTo("China\nfixed \"lines\", east");
        assertThat(read.rows().get(0).values()).containsExactly(row.values()[0], "China\nfixed \"lines\", east",
                "NATIONAL", "peak", "0", "0.06", "60", "1", "0", "", "", "", "", "HALF_UP", "4");
    }

    @Test
    void aQuoteNeverClosedIsAnErrorAtTheLineItOpens() throws IOException {
        Read read = read(HEADER
                + "86,China,NATIONAL,peak,0,0.06,60,1,0,,,,,HALF_UP,4\n"
                + "8610,\"Beijing,NATIONAL,peak,0,0.06,60,1,0,,,,,HALF_UP,4\n"
                + "8620,Guangzhou,NATIONAL,peak,0,0.06,60,1,0,,,,,HALF_UP,4\n");

        assertThat(read.rows()).extracting(DeckRow::line).containsExactly(2);
        assertThat(read.errors()).containsExactly(new DeckError(3, "", "a quoted cell opened on this line is never closed"));
    }
}
