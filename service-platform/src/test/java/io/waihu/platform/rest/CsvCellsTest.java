package io.waihu.platform.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @Test
    void onlyCellsThatNeedItAreQuotedAndInnerQuotesDoubled() {
        assertThat(CsvCells.cell(null)).isEmpty();
        assertThat(CsvCells.cell("China Mobile")).isEqualTo("China Mobile");
        assertThat(CsvCells.cell("China Mobile, East")).isEqualTo("\"China Mobile, East\"");
        assertThat(CsvCells.cell("the \"big\" one")).isEqualTo("\"the \"\"big\"\" one\"");
        assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    @Test
    void userTextThatASpreadsheetWouldRunAsAFormulaIsKeptAsText() {
        assertThat(CsvCells.text(null)).isEmpty();
        assertThat(CsvCells.text("")).isEmpty();
        assertThat(CsvCells.text("China Mobile")).isEqualTo("China Mobile");
        assertThat(CsvCells.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvCells.text("+86 10")).isEqualTo("'+86 10");
        assertThat(CsvCells.text("-1")).isEqualTo("'-1");
        assertThat(CsvCells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.text("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvCells.text("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(CsvCells.text("a=b")).isEqualTo("a=b");
    }
}
