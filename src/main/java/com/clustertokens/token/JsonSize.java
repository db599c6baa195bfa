package com.clustertokens.token;

import com.clustertokens.cluster.TokenStub;

/** Exact byte size of a list entry as Jackson writes it in UTF-8, without building the JSON. */
public final class JsonSize {

    private JsonSize() {
    }

    /** {@code {"id":"…","name":"…","description":"…"}}, null fields omitted. */
    public static long of(TokenStub stub) {
        long size = 2;
        int fields = 0;
        if (stub.id() != null) {
            size += field("id", stub.id());
            fields++;
        }
        if (stub.name() != null) {
            size += field("name", stub.name());
            fields++;
        }
        if (stub.description() != null) {
            size += field("description", stub.description());
            fields++;
        }
        return size + Math.max(0, fields - 1);
    }

    private static long field(String name, String value) {
        return name.length() + 3 + string(value);
    }

    /** Quoted, escaped, UTF-8 length of a JSON string. */
    public static long string(String value) {
        long size = 2;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                size += 2;
            } else if (c < 0x20) {
                size += 6;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c)) {
                size += 4;
                i++;
            } else {
                size += 3;
            }
        }
        return size;
    }
}
