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
}
