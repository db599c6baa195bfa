package com.clustertokens.json;

/** A caller's value as an error message may show it: quoted, control characters escaped, at most 60 characters. */
public final class Quoted {

    private static final int MAX = 60;

    private Quoted() {
    }

    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder("'");
        int end = Math.min(value.length(), MAX);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.append(value.length() > MAX ? "…' (" + value.length() + " characters)" : "'").toString();
    }
}
