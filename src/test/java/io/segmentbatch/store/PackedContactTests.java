package io.segmentbatch.store;

import io.segmentbatch.segment.StoredCustomer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PackedContactTests {

    @Test
    void everyValueComesBackAsItWentInNullsEmptiesAndAnyScriptIncluded() {
        String[][] contacts = {
            {"crm-1", "Żaneta Szymańska", "zaneta@example.com"},
            {null, "Jan", null},
            {"", "", ""},
            {null, null, null},
            {"🙂 crm", "Ana 🙂", "ana@exämple.com"},
        };
        for (String[] c : contacts) {
            for (boolean hasId : new boolean[] {true, false}) {
                byte[] packed = PackedContact.pack(hasId, c[0], c[1], c[2]);
                assertThat(PackedContact.unpack("cust_1", 5L, -1L, packed, true))
                        .isEqualTo(new StoredCustomer("cust_1", hasId ? "cust_1" : null, c[0], c[1], c[2], 5L, -1L));
            }
        }
    }

    /** Lengths of 128 bytes and more take a longer prefix (two bytes up to 16,383, three from 16,384). */
    @Test
    void longValuesKeepTheirLengthAndTheValuesAfterThem() {
        for (int length : new int[] {127, 128, 300, 16_383, 16_384, 70_000}) {
            String name = "n".repeat(length - 1) + "ł";
            byte[] packed = PackedContact.pack(false, "src", name, "after@example.com");
            StoredCustomer customer = PackedContact.unpack("src", 0L, 0L, packed, true);
            assertThat(customer.name()).isEqualTo(name);
            assertThat(customer.email()).isEqualTo("after@example.com");
        }
    }

    @Test
    void withoutContactsTheNameAndEmailAreLeftOutAndTheRestKept() {
        byte[] packed = PackedContact.pack(true, "crm-7", "Ola", "ola@example.com");
        assertThat(PackedContact.unpack("cust_7", 1L, 2L, packed, false))
                .isEqualTo(new StoredCustomer("cust_7", "cust_7", "crm-7", null, null, 1L, 2L));
    }
}
