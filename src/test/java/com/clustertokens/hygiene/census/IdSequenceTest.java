package com.clustertokens.hygiene.census;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import com.clustertokens.cluster.CompactIds;
import com.clustertokens.cluster.ListEntry;

/**
 * The hand-over from the filling thread to cursors on other threads. A data race here shows on weakly ordered
 * CPUs (arm64), hardly ever on x86, where these tests run: so one test checks the rule that makes the hand-over
 * correct under the Java memory model, in the bytecode, and a stress loop in the manner of jcstress (many short
 * rounds, readers started together with the writer, a growing chunk directory) checks every value each reader saw.
 */
class IdSequenceTest {

    private static final int ROUNDS = 15;
    private static final int IDS = 70_000; // 18 chunks of 4,096: 17 hand-overs and a grown chunk directory a round
    private static final int READERS = 3;

    @Test
    @Timeout(120)
    void cursorsOnOtherThreadsSeeEveryIdTheFillerPublishedWhileItsArraysGrow() throws Exception {
        List<String> ids = mixedIds(new SplittableRandom(7));
        ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                IdSequence sequence = new IdSequence();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    IdSequence.Cursor cursor = sequence.cursor();
                    readers.add(threads.submit(() -> walk(cursor, ids, start)));
                }
                Future<?> filler = threads.submit(() -> {
                    start.await();
                    ids.forEach(id -> sequence.accept(ListEntry.of(id, null)));
                    sequence.finish();
                    return null;
                });
                start.countDown();
                filler.get(60, TimeUnit.SECONDS);
                for (Future<String> reader : readers) {
                    assertThat(reader.get(60, TimeUnit.SECONDS)).as("round " + round).isEqualTo("exhausted");
                }
                assertThat(sequence.size()).isEqualTo(IDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A cursor runs on another thread than the filler, so whatever of the sequence it reads must be final,
     * volatile, or reached through a volatile read (the record a publication hands over, whose entries the filler
     * wrote before): a plain field the filler writes, read by a cursor, is a data race.
     */
    @Test
    void cursorsReadNothingOfTheSequenceButFinalAndVolatileFieldsAndWhatTheyHandOver() throws IOException {
        Map<String, ClassCode> code = new HashMap<>();
        for (Class<?> type : List.of(IdSequence.class, IdSequence.Cursor.class)) {
            code.put(Type.getInternalName(type), ClassCode.of(type));
        }
        String sequence = Type.getInternalName(IdSequence.class);
        String cursor = Type.getInternalName(IdSequence.Cursor.class);
        Set<String> seen = new HashSet<>();
        Deque<String> toRead = new ArrayDeque<>(List.of(cursor + ".advanceIf", cursor + ".exhausted"));
        List<String> racy = new ArrayList<>();
        while (!toRead.isEmpty()) {
            String method = toRead.pop();
            if (!seen.add(method)) {
                continue;
            }
            ClassCode owner = code.get(method.substring(0, method.indexOf('.')));
            for (String field : owner.fieldsRead(method.substring(method.indexOf('.') + 1))) {
                if (field.startsWith(sequence + ".") && !finalOrVolatile(field.substring(sequence.length() + 1))) {
                    racy.add(method + " reads " + field);
                }
            }
            owner.calls(method.substring(method.indexOf('.') + 1)).stream()
                    .filter(call -> code.containsKey(call.substring(0, call.indexOf('.')))).forEach(toRead::push);
        }

        assertThat(seen).as("methods followed").contains(sequence + ".awaitBeyond", sequence + ".otherAt");
        assertThat(racy).isEmpty();
    }

    private static boolean finalOrVolatile(String field) {
        try {
            int modifiers = IdSequence.class.getDeclaredField(field).getModifiers();
            return Modifier.isFinal(modifiers) || Modifier.isVolatile(modifiers);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** The fields each method of a class reads and the methods it calls, as owner.name. */
    private record ClassCode(Map<String, Set<String>> reads, Map<String, Set<String>> calls) {
        static ClassCode of(Class<?> type) throws IOException {
            ClassCode code = new ClassCode(new HashMap<>(), new HashMap<>());
            try (InputStream bytes = type.getClassLoader().getResourceAsStream(Type.getInternalName(type) + ".class")) {
                new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                            String[] exceptions) {
                        Set<String> reads = code.reads.computeIfAbsent(name, n -> new HashSet<>());
                        Set<String> calls = code.calls.computeIfAbsent(name, n -> new HashSet<>());
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                                if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
                                    reads.add(owner + "." + field);
                                }
                            }

                            @Override
                            public void visitMethodInsn(int opcode, String owner, String method, String desc,
                                    boolean isInterface) {
                                calls.add(owner + "." + method);
                            }
                        };
                    }
                }, ClassReader.SKIP_DEBUG);
            }
            return code;
        }

        Set<String> fieldsRead(String method) {
            return reads.getOrDefault(method, Set.of());
        }

        Set<String> calls(String method) {
            return calls.getOrDefault(method, Set.of());
        }
    }

    /** Walks the ids as the census does, and says what went wrong first, if anything. */
    private static String walk(IdSequence.Cursor cursor, List<String> ids, CountDownLatch start)
            throws InterruptedException {
        start.await();
        for (int i = 0; i < ids.size(); i++) {
            // An id that is not in the sequence must never match, whatever the cursor reads at its position.
            String absent = i % 2 == 0 ? CompactIds.idOf(true, i, 0) : new UUID(0, i + 1L).toString();
            if (cursor.advanceIf(ListEntry.of(absent, null))) {
                return "matched absent " + absent + " at " + i;
            }
            if (!cursor.advanceIf(ListEntry.of(ids.get(i), null))) {
                return "missed " + ids.get(i) + " at " + i;
            }
        }
        return cursor.exhausted() ? "exhausted" : "not exhausted";
    }

    /** Random ids of both compact forms, with some that have none (kept as Strings). */
    private static List<String> mixedIds(SplittableRandom random) {
        List<String> ids = new ArrayList<>(IDS);
        for (int i = 0; i < IDS; i++) {
            long high = random.nextLong() | 1L << 62; // never the absent ids above
            long low = random.nextLong();
            ids.add(switch (i % 5) {
                case 0, 1 -> CompactIds.idOf(true, high >>> 4, low >>> 4);
                case 2, 3 -> new UUID(high, low).toString();
                default -> "legacy-" + i;
            });
        }
        return ids;
    }
}
