package com.clustertokens.token;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** The tags of a created token's secret: what they may hold, and how one is read back. */
public final class SecretTags {

    private static final int MAX_TAG_VALUE = 256;

    private SecretTags() {
    }

    /** Tags of the (key, value) pairs whose value is set; values allow letters, digits, spaces and _.:/=+-@ only. */
    public static List<Tag> of(String... pairs) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                tags.add(Tag.builder().key(pairs[i]).value(cut(pairs[i + 1].replaceAll(
                        "[^\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]", "_"), MAX_TAG_VALUE)).build());
            }
        }
        return tags;
    }

    public static String valueOf(DescribeSecretResponse described, String key) {
        return described.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
