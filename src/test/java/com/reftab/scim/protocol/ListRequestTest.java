package com.reftab.scim.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class ListRequestTest {

    @Test
    void absentParametersStartAtOneWithTheMaximumCount() {
        ListRequest request = ListRequest.of(null, null, 100);

        assertThat(request.startIndex()).isEqualTo(1);
        assertThat(request.count()).isEqualTo(100);
    }

    @Test
    void blankParametersAreReadAsAbsent() {
        ListRequest request = ListRequest.of(" ", "", 100);

        assertThat(request.startIndex()).isEqualTo(1);
        assertThat(request.count()).isEqualTo(100);
    }

    @Test
    void requestedPageIsKept() {
        ListRequest request = ListRequest.of("21", "10", 100);

        assertThat(request.startIndex()).isEqualTo(21);
        assertThat(request.count()).isEqualTo(10);
    }

    @Test
    void offsetIsZeroBased() {
        ListRequest request = ListRequest.of("21", "10", 100);

        assertThat(request.offset()).isEqualTo(20);
    }

    @Test
    void startIndexBelowOneIsReadAsOne() {
        assertThat(ListRequest.of("0", null, 100).startIndex()).isEqualTo(1);
        assertThat(ListRequest.of("-5", null, 100).startIndex()).isEqualTo(1);
    }

    @Test
    void countAboveTheMaximumIsCapped() {
        ListRequest request = ListRequest.of(null, "5000", 100);

        assertThat(request.count()).isEqualTo(100);
    }

    @Test
    void countBeyondTheIntegerRangeIsCapped() {
        ListRequest request = ListRequest.of(null, "99999999999", 100);

        assertThat(request.count()).isEqualTo(100);
    }

    @Test
    void zeroCountIsKept() {
        ListRequest request = ListRequest.of(null, "0", 100);

        assertThat(request.count()).isZero();
    }

    @Test
    void negativeCountIsReadAsZero() {
        ListRequest request = ListRequest.of(null, "-3", 100);

        assertThat(request.count()).isZero();
    }

    @Test
    void nonNumericStartIndexIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ListRequest.of("first", null, 100))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void nonNumericCountIsRejected() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ListRequest.of(null, "ten", 100))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void digitsOfAnotherScriptAreNotAnInteger() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ListRequest.of("\u0661\u0662", null, 100))
                .returns(400, ScimException::status)
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void anIntegerBeyondTheLongRangeIsInvalidValue() {
        assertThatExceptionOfType(ScimException.class)
                .isThrownBy(() -> ListRequest.of(null, "99999999999999999999", 100))
                .returns("invalidValue", ScimException::scimType);
    }

    @Test
    void aSignedIntegerIsRead() {
        assertThat(ListRequest.parse("+7", "count", 0)).isEqualTo(7);
        assertThat(ListRequest.parse(" -7 ", "count", 0)).isEqualTo(-7);
    }
}
