package com.reftab.scim.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SpreadsheetCsvTest {

    @Test
    void everyFieldIsQuotedAndRowsEndWithCrLf() {
        String text = new SpreadsheetCsv().row(List.of("a", "b c")).row(List.of("1", "2")).text();

        assertThat(text).isEqualTo("\"a\",\"b c\"\r\n\"1\",\"2\"\r\n");
    }

    @Test
    void quotesInAValueAreDoubled() {
        assertThat(SpreadsheetCsv.field("say \"hi\", then go")).isEqualTo("\"say \"\"hi\"\", then go\"");
    }

    @Test
    void aMissingValueIsAnEmptyField() {
        assertThat(new SpreadsheetCsv().row(Arrays.asList("a", null, "c")).text()).isEqualTo("\"a\",,\"c\"\r\n");
    }

    @Test
    void aValueASpreadsheetWouldRunAsAFormulaStaysText() {
        assertThat(SpreadsheetCsv.field("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(SpreadsheetCsv.field("+1")).isEqualTo("\"'+1\"");
        assertThat(SpreadsheetCsv.field("-2")).isEqualTo("\"'-2\"");
        assertThat(SpreadsheetCsv.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }

    @Test
    void anOrdinaryValueIsLeftAsItIs() {
        assertThat(SpreadsheetCsv.field("ada@example.com")).isEqualTo("\"ada@example.com\"");
    }
}
