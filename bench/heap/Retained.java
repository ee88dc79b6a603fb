import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a set of objects keeps alive, from a heap dump (bench/events.sh --memory with MIZAN_LIVE_HEAP_DUMP;
 * docs/how-to/live-updates.md, "Memory"). The JDK ships no retained-size analysis, so this reads the HPROF
 * file itself.
 *
 * <pre>java bench/heap/Retained.java DUMP [--cut CLASS,...] [--n N] [--top K] [--path CLASS,...] [--show CLASS,...]</pre>
 *
 * --cut: the instances of these classes are taken out of the graph; what then becomes unreachable from the
 * GC roots is what they alone keep alive (with one class per stream, e.g. Undertow's connection and Mizan's
 * stream, it is what the streams cost). It is listed by class (count, bytes) and by owner: a JDK object
 * (a map node, a string) is charged to the nearest non-JDK object on its path from a cut instance.
 * Divided by --n (the number of streams), a figure per stream. --path: for one instance of each class,
 * the shortest chain of references from a GC root, fields named, to see who holds it (with --cut, also the
 * chain left once the cut objects are out). --show: the references of one instance of each class, with the
 * entries of a map it holds (e.g. a request's attributes).
 * Sizes are those of a 64-bit JVM with compressed references (12-byte header, 4-byte references, 8-byte
 * alignment), as in jcmd's class histogram; the field layout is approximated by their plain sum. Every
 * class counts as a GC root (its loader keeps it), so what statics hold stays reachable.
 */
public class Retained {

    private final ByteBuffer[] chunks;
    private final long fileSize;
    private int idSize;

    // objects: index -> id, class index (or -1 for class objects: kind below), shallow size, file offset
    private long[] ids = new long[1 << 20];
    private long[] offsets = new long[1 << 20];
    private int[] sizes = new int[1 << 20];
    private int[] typeOf = new int[1 << 20]; // index into types
    private byte[] kinds = new byte[1 << 20]; // 0 instance, 1 object array, 2 primitive array, 3 class
    private int count;
    private final LongIntMap index = new LongIntMap(1 << 21);

    private final Map<Long, String> strings = new HashMap<>();
    private final Map<Long, Long> classNameIds = new HashMap<>();
    // per class object id: its layout
    private final Map<Long, ClassInfo> classes = new HashMap<>();
    private final List<String> types = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new HashMap<>();
    private final List<Integer> roots = new ArrayList<>();
    private final List<Long> rootIds = new ArrayList<>();

    private int[] edgeStart;
    private int[] edges;

    private static final class ClassInfo {
        long id;
        long superId;
        String name;
        byte[] fieldTypes;
        long[] fieldNames;
        long[] staticRefs;
        int instanceBytes; // compressed-oops sum of own fields
    }

    Retained(String file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file, "r"); FileChannel ch = raf.getChannel()) {
            fileSize = ch.size();
            int n = (int) ((fileSize + (1L << 30) - 1) >> 30);
            chunks = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long start = (long) i << 30;
                // each chunk overlaps the next by 64 KiB so a value never straddles two
                chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(fileSize - start, (1L << 30) + (1 << 16)));
            }
        }
    }

    private int u1(long at) {
        return chunks[(int) (at >> 30)].get((int) (at & ((1 << 30) - 1))) & 0xff;
    }

    private int u2(long at) {
        return chunks[(int) (at >> 30)].getShort((int) (at & ((1 << 30) - 1))) & 0xffff;
    }

    private int u4(long at) {
        return chunks[(int) (at >> 30)].getInt((int) (at & ((1 << 30) - 1)));
    }

    private long u8(long at) {
        return chunks[(int) (at >> 30)].getLong((int) (at & ((1 << 30) - 1)));
    }

    private long id(long at) {
        return idSize == 8 ? u8(at) : u4(at) & 0xffffffffL;
    }

    private static int primSize(int type) {
        return switch (type) {
            case 4, 8 -> 1;
            case 5, 9 -> 2;
            case 6, 10 -> 4;
            case 7, 11 -> 8;
            default -> throw new IllegalStateException("type " + type);
        };
    }

    private int valueSize(int type) {
        return type == 2 ? idSize : primSize(type);
    }

    private static final String[] PRIM_NAMES = {null, null, null, null, "boolean", "char", "float", "double", "byte", "short", "int", "long"};

    private int type(String name) {
        return typeIndex.computeIfAbsent(name, k -> {
            types.add(k);
            return types.size() - 1;
        });
    }

    private void add(long id, long offset, int size, String typeName, byte kind) {
        if (count == ids.length) {
            int n = count * 2;
            ids = Arrays.copyOf(ids, n);
            offsets = Arrays.copyOf(offsets, n);
            sizes = Arrays.copyOf(sizes, n);
            typeOf = Arrays.copyOf(typeOf, n);
            kinds = Arrays.copyOf(kinds, n);
        }
        ids[count] = id;
        offsets[count] = offset;
        sizes[count] = size;
        typeOf[count] = type(typeName);
        kinds[count] = kind;
        index.put(id, count);
        count++;
    }

    private static int align(long bytes) {
        return (int) ((bytes + 7) & ~7L);
    }

    /** First pass: strings, class names and layouts, every object with its size; roots. */
    void scan() {
        String magic = "JAVA PROFILE 1.0.2";
        long at = magic.length() + 1;
        idSize = u4(at);
        at += 12;
        List<long[]> instances = new ArrayList<>(); // deferred: sizes need the class layouts
        while (at < fileSize) {
            int tag = u1(at);
            long len = u4(at + 5) & 0xffffffffL;
            long body = at + 9;
            switch (tag) {
                case 0x01 -> {
                    byte[] b = new byte[(int) len - idSize];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) u1(body + idSize + i);
                    }
                    strings.put(id(body), new String(b, java.nio.charset.StandardCharsets.UTF_8));
                }
                case 0x02 -> classNameIds.put(id(body + 4), id(body + 4 + idSize + 4));
                case 0x0C, 0x1C -> scanHeap(body, body + len, instances);
                default -> {
                }
            }
            at = body + len;
        }
        for (ClassInfo c : classes.values()) {
            c.name = strings.getOrDefault(classNameIds.get(c.id), "?").replace('/', '.');
        }
        for (long[] inst : instances) {
            ClassInfo c = classes.get(inst[1]);
            int bytes = 12;
            for (ClassInfo k = c; k != null; k = classes.get(k.superId)) {
                bytes += k.instanceBytes;
            }
            add(inst[0], inst[2], align(bytes), c.name, (byte) 0);
        }
        for (ClassInfo c : classes.values()) {
            int i = index.get(c.id);
            if (i >= 0) {
                typeOf[i] = type("class " + c.name);
            }
        }
        for (long r : rootIds) {
            int i = index.get(r);
            if (i >= 0) {
                roots.add(i);
            }
        }
        // classes are kept alive by their loaders; taking each as a root keeps what statics hold
        for (ClassInfo c : classes.values()) {
            int i = index.get(c.id);
            if (i >= 0) {
                roots.add(i);
            }
        }
    }

    private void scanHeap(long at, long end, List<long[]> instances) {
        while (at < end) {
            int sub = u1(at);
            at++;
            switch (sub) {
                case 0xFF, 0x05, 0x07 -> {
                    rootIds.add(id(at));
                    at += idSize;
                }
                case 0x01 -> {
                    rootIds.add(id(at));
                    at += 2L * idSize;
                }
                case 0x02, 0x03, 0x08 -> {
                    rootIds.add(id(at));
                    at += idSize + 8;
                }
                case 0x04, 0x06 -> {
                    rootIds.add(id(at));
                    at += idSize + 4;
                }
                case 0x20 -> {
                    ClassInfo c = new ClassInfo();
                    long start = at;
                    c.id = id(at);
                    c.superId = id(at + idSize + 4);
                    at += 7L * idSize + 4 + 4;
                    int cp = u2(at);
                    at += 2;
                    for (int i = 0; i < cp; i++) {
                        int t = u1(at + 2);
                        at += 3 + valueSize(t);
                    }
                    int statics = u2(at);
                    at += 2;
                    List<Long> refs = new ArrayList<>();
                    for (int i = 0; i < statics; i++) {
                        int t = u1(at + idSize);
                        if (t == 2) {
                            refs.add(id(at + idSize + 1));
                        }
                        at += idSize + 1 + valueSize(t);
                    }
                    c.staticRefs = refs.stream().mapToLong(Long::longValue).toArray();
                    int fields = u2(at);
                    at += 2;
                    c.fieldTypes = new byte[fields];
                    c.fieldNames = new long[fields];
                    for (int i = 0; i < fields; i++) {
                        c.fieldNames[i] = id(at);
                        c.fieldTypes[i] = (byte) u1(at + idSize);
                        c.instanceBytes += c.fieldTypes[i] == 2 ? 4 : primSize(c.fieldTypes[i]);
                        at += idSize + 1;
                    }
                    classes.put(c.id, c);
                    add(c.id, start, 0, "class", (byte) 3);
                }
                case 0x21 -> {
                    long start = at;
                    long id = id(at);
                    long cls = id(at + idSize + 4);
                    int len = u4(at + 2L * idSize + 4);
                    instances.add(new long[] {id, cls, start});
                    at += 2L * idSize + 8 + len;
                }
                case 0x22 -> {
                    long start = at;
                    long id = id(at);
                    int n = u4(at + idSize + 4);
                    long cls = id(at + idSize + 8);
                    String name = strings.getOrDefault(classNameIds.get(cls), "Object[]");
                    add(id, start, align(16 + 4L * n), name.replace('/', '.'), (byte) 1);
                    at += 2L * idSize + 8 + (long) n * idSize;
                }
                case 0x23 -> {
                    long start = at;
                    long id = id(at);
                    int n = u4(at + idSize + 4);
                    int t = u1(at + idSize + 8);
                    add(id, start, align(16 + (long) n * primSize(t)), PRIM_NAMES[t] + "[]", (byte) 2);
                    at += idSize + 9 + (long) n * primSize(t);
                }
                default -> throw new IllegalStateException("heap sub-record " + sub + " at " + (at - 1));
            }
        }
    }

    /** Outgoing references of object i, with the field name of each where it has one. */
    private void refs(int i, RefSink sink) {
        long at = offsets[i];
        switch (kinds[i]) {
            case 0 -> {
                ClassInfo c = classes.get(id(at + idSize + 4));
                long p = at + 2L * idSize + 8;
                for (ClassInfo k = c; k != null; k = classes.get(k.superId)) {
                    for (int f = 0; f < k.fieldTypes.length; f++) {
                        int t = k.fieldTypes[f];
                        if (t == 2) {
                            long target = id(p);
                            if (target != 0) {
                                sink.ref(target, k.fieldNames[f]);
                            }
                        }
                        p += valueSize(t);
                    }
                }
            }
            case 1 -> {
                int n = u4(at + idSize + 4);
                long p = at + 2L * idSize + 8;
                for (int e = 0; e < n; e++) {
                    long target = id(p + (long) e * idSize);
                    if (target != 0) {
                        sink.ref(target, -e - 1);
                    }
                }
            }
            case 3 -> {
                ClassInfo c = classes.get(ids[i]);
                for (long r : c.staticRefs) {
                    if (r != 0) {
                        sink.ref(r, 0);
                    }
                }
            }
            default -> {
            }
        }
    }

    interface RefSink {
        void ref(long target, long fieldName);
    }

    void buildEdges() {
        edgeStart = new int[count + 1];
        int[][] buf = {new int[count * 3]};
        int[] n = {0};
        for (int i = 0; i < count; i++) {
            edgeStart[i] = n[0];
            refs(i, (target, field) -> {
                int t = index.get(target);
                if (t >= 0) {
                    if (n[0] == buf[0].length) {
                        buf[0] = Arrays.copyOf(buf[0], n[0] * 2);
                    }
                    buf[0][n[0]++] = t;
                }
            });
        }
        edgeStart[count] = n[0];
        edges = buf[0];
    }

    /** Marks what the roots reach without passing through a cut object; parent[] gives a shortest path. */
    int[] reach(boolean[] cut) {
        int[] parent = new int[count];
        Arrays.fill(parent, -2);
        int[] queue = new int[count];
        int head = 0;
        int tail = 0;
        for (int r : roots) {
            if (!cut[r] && parent[r] == -2) {
                parent[r] = -1;
                queue[tail++] = r;
            }
        }
        while (head < tail) {
            int o = queue[head++];
            for (int e = edgeStart[o]; e < edgeStart[o + 1]; e++) {
                int t = edges[e];
                if (!cut[t] && parent[t] == -2) {
                    parent[t] = o;
                    queue[tail++] = t;
                }
            }
        }
        return parent;
    }

    private static boolean jdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.") || type.endsWith("[]") || type.startsWith("[")
                || type.startsWith("class ");
    }

    private String name(long nameId) {
        return strings.getOrDefault(nameId, "?");
    }

    public static void main(String[] args) throws IOException {
        String file = args[0];
        Set<String> cutTypes = new HashSet<>();
        List<String> pathTypes = new ArrayList<>();
        List<String> showTypes = new ArrayList<>();
        int per = 1;
        int top = 60;
        for (int a = 1; a < args.length; a += 2) {
            switch (args[a]) {
                case "--cut" -> cutTypes.addAll(List.of(args[a + 1].split(",")));
                case "--path" -> pathTypes.addAll(List.of(args[a + 1].split(",")));
                case "--show" -> showTypes.addAll(List.of(args[a + 1].split(",")));
                case "--n" -> per = Integer.parseInt(args[a + 1]);
                case "--top" -> top = Integer.parseInt(args[a + 1]);
                default -> throw new IllegalArgumentException(args[a]);
            }
        }
        Retained h = new Retained(file);
        h.scan();
        h.buildEdges();
        long total = 0;
        boolean[] none = new boolean[h.count];
        int[] live = h.reach(none);
        for (int i = 0; i < h.count; i++) {
            if (live[i] != -2) {
                total += h.sizes[i];
            }
        }
        System.out.printf("%d objects, %d reachable bytes (classes counted as 0)%n", h.count, total);
        for (String p : pathTypes) {
            h.printPath(live, p);
        }
        for (String t : showTypes) {
            h.show(live, t);
        }
        if (cutTypes.isEmpty()) {
            return;
        }
        boolean[] cut = new boolean[h.count];
        int cuts = 0;
        for (int i = 0; i < h.count; i++) {
            if (cutTypes.contains(h.types.get(h.typeOf[i]))) {
                cut[i] = true;
                cuts++;
            }
        }
        int[] without = h.reach(cut);
        for (String p : pathTypes) {
            System.out.printf("%nwith the cut objects out of the graph:");
            h.printPath(without, p);
        }
        // what only the cut objects keep: reachable before, not after (the cut objects themselves included)
        boolean[] held = new boolean[h.count];
        for (int i = 0; i < h.count; i++) {
            held[i] = live[i] != -2 && without[i] == -2;
        }
        // owner: BFS from the cut objects within the held set; a JDK object takes its parent's owner
        int[] owner = new int[h.count];
        Arrays.fill(owner, -1);
        int[] queue = new int[h.count];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < h.count; i++) {
            if (cut[i] && held[i]) {
                owner[i] = h.typeOf[i];
                queue[tail++] = i;
            }
        }
        while (head < tail) {
            int o = queue[head++];
            for (int e = h.edgeStart[o]; e < h.edgeStart[o + 1]; e++) {
                int t = h.edges[e];
                if (held[t] && owner[t] == -1) {
                    owner[t] = jdk(h.types.get(h.typeOf[t])) ? owner[o] : h.typeOf[t];
                    queue[tail++] = t;
                }
            }
        }
        Map<Integer, long[]> byType = new HashMap<>();
        Map<Integer, long[]> byOwner = new HashMap<>();
        long sum = 0;
        for (int i = 0; i < h.count; i++) {
            if (held[i]) {
                sum += h.sizes[i];
                long[] s = byType.computeIfAbsent(h.typeOf[i], k -> new long[2]);
                s[0]++;
                s[1] += h.sizes[i];
                long[] o = byOwner.computeIfAbsent(owner[i], k -> new long[2]);
                o[0]++;
                o[1] += h.sizes[i];
            }
        }
        System.out.printf("%n%d cut objects (%s) keep %d bytes alone; per %d: %.0f bytes%n", cuts, cutTypes, sum, per, (double) sum / per);
        h.table("by class", byType, per, top);
        h.table("by owner (JDK objects charged to the nearest non-JDK object from a cut one)", byOwner, per, top);
        Map<String, long[]> byPackage = new TreeMap<>();
        byOwner.forEach((t, v) -> {
            String k = t < 0 ? "?" : group(h.types.get(t));
            long[] s = byPackage.computeIfAbsent(k, x -> new long[2]);
            s[0] += v[0];
            s[1] += v[1];
        });
        System.out.printf("%nby component (owners grouped)%n");
        int n = per;
        byPackage.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> System.out.printf("%10.0f B  %8.1f objects  %s%n", (double) e.getValue()[1] / n, (double) e.getValue()[0] / n, e.getKey()));
    }

    private static String group(String type) {
        String[][] groups = {
            {"dev.mizan.", "Mizan"},
            {"org.jboss.resteasy.", "RESTEasy"},
            {"io.undertow.servlet.", "Undertow servlet"},
            {"io.undertow.", "Undertow core"},
            {"org.xnio.", "XNIO"},
            {"org.wildfly.security.", "Elytron"},
            {"org.wildfly.extension.undertow.", "WildFly Undertow"},
            {"org.hibernate.validator.", "Hibernate Validator"},
            {"org.jboss.weld.", "Weld"},
        };
        for (String[] g : groups) {
            if (type.startsWith(g[0])) {
                return g[1];
            }
        }
        return jdk(type) ? "JDK (from a cut object)" : type.replaceAll("\\.[^.]*$", "");
    }

    private void table(String title, Map<Integer, long[]> rows, int per, int top) {
        System.out.printf("%n%s%n", title);
        rows.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(top)
                .forEach(e -> System.out.printf("%10.0f B  %8.2f objects  %s%n", (double) e.getValue()[1] / per,
                        (double) e.getValue()[0] / per, e.getKey() < 0 ? "?" : types.get(e.getKey())));
    }

    /** Fields of one reachable instance of type; a map field's entries; a String's text. */
    private void show(int[] parent, String type) {
        int found = -1;
        for (int i = 0; i < count && found < 0; i++) {
            if (types.get(typeOf[i]).equals(type) && parent[i] != -2) {
                found = i;
            }
        }
        System.out.printf("%n%s:%n", type);
        if (found < 0) {
            System.out.println("  none reachable");
            return;
        }
        int o = found;
        refs(o, (target, field) -> {
            int t = index.get(target);
            String tt = t < 0 ? "?" : types.get(typeOf[t]);
            System.out.printf("  %s -> %s%s%n", field < 0 ? "[" + (-field - 1) + "]" : name(field), tt, t < 0 ? "" : describe(t, 1));
        });
    }

    private String describe(int o, int depth) {
        String type = types.get(typeOf[o]);
        if (type.equals("java.lang.String")) {
            return " \"" + text(o) + "\"";
        }
        if (type.equals("java.lang.Class")) {
            return "";
        }
        if (type.startsWith("class ")) {
            return "";
        }
        if (depth > 0 && (type.equals("java.util.HashMap") || type.equals("java.util.concurrent.ConcurrentHashMap")
                || type.equals("java.util.LinkedHashMap") || type.equals("java.util.TreeMap"))) {
            StringBuilder b = new StringBuilder(" {");
            entries(o, (k, v) -> b.append("\n      ").append(k < 0 ? "null" : types.get(typeOf[k]) + key(k)).append(" = ")
                    .append(v < 0 ? "null" : types.get(typeOf[v]) + (types.get(typeOf[v]).equals("java.lang.String") ? " \"" + text(v) + "\"" : "")));
            return b.append("\n    }").toString();
        }
        return "";
    }

    private String key(int k) {
        String t = types.get(typeOf[k]);
        if (t.equals("java.lang.String")) {
            return " \"" + text(k) + "\"";
        }
        if (t.startsWith("class ")) {
            return "";
        }
        return "";
    }

    interface EntrySink {
        void entry(int key, int value);
    }

    private int field(int o, String fieldName) {
        int[] r = {-1};
        refs(o, (target, field) -> {
            if (r[0] == -1 && field > 0 && name(field).equals(fieldName)) {
                r[0] = index.get(target);
            }
        });
        return r[0];
    }

    private void entries(int map, EntrySink sink) {
        String type = types.get(typeOf[map]);
        if (type.equals("java.util.TreeMap")) {
            return;
        }
        int table = field(map, "table");
        if (table < 0) {
            return;
        }
        refs(table, (target, f) -> {
            for (int n = index.get(target); n >= 0; n = field(n, "next")) {
                sink.entry(field(n, "key"), field(n, "val") >= 0 ? field(n, "val") : field(n, "value"));
            }
        });
    }

    private String text(int string) {
        int value = field(string, "value");
        if (value < 0) {
            return "";
        }
        long at = offsets[value];
        int n = u4(at + idSize + 4);
        byte[] b = new byte[Math.min(n, 200)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) u1(at + idSize + 9 + i);
        }
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\0", "");
    }

    private void printPath(int[] parent, String type) {
        int found = -1;
        for (int i = 0; i < count && found < 0; i++) {
            if (types.get(typeOf[i]).equals(type) && parent[i] != -2) {
                found = i;
            }
        }
        System.out.printf("%nshortest path from a GC root to a %s:%n", type);
        if (found < 0) {
            System.out.println("  none reachable");
            return;
        }
        List<String> chain = new ArrayList<>();
        for (int o = found; o >= 0; o = parent[o]) {
            int child = o;
            int p = parent[o];
            String via = "";
            if (p >= 0) {
                String[] f = {""};
                refs(p, (target, field) -> {
                    if (f[0].isEmpty() && target == ids[child]) {
                        f[0] = field < 0 ? "[" + (-field - 1) + "]" : field == 0 ? "(static)" : "." + name(field);
                    }
                });
                via = f[0];
            }
            chain.add(0, types.get(typeOf[o]) + "  " + via);
        }
        for (String s : chain) {
            System.out.println("  " + s);
        }
    }

    /** Open addressing long -> int; -1 when absent. */
    static final class LongIntMap {
        private long[] keys;
        private int[] values;
        private int size;

        LongIntMap(int capacity) {
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(values, -1);
        }

        private static int hash(long k) {
            k *= 0x9E3779B97F4A7C15L;
            return (int) (k ^ (k >>> 32));
        }

        void put(long k, int v) {
            if (size * 2 >= keys.length) {
                long[] ok = keys;
                int[] ov = values;
                keys = new long[ok.length * 2];
                values = new int[ok.length * 2];
                Arrays.fill(values, -1);
                size = 0;
                for (int i = 0; i < ok.length; i++) {
                    if (ov[i] >= 0) {
                        put(ok[i], ov[i]);
                    }
                }
            }
            int m = keys.length - 1;
            int i = hash(k) & m;
            while (values[i] >= 0 && keys[i] != k) {
                i = (i + 1) & m;
            }
            if (values[i] < 0) {
                size++;
            }
            keys[i] = k;
            values[i] = v;
        }

        int get(long k) {
            int m = keys.length - 1;
            int i = hash(k) & m;
            while (values[i] >= 0) {
                if (keys[i] == k) {
                    return values[i];
                }
                i = (i + 1) & m;
            }
            return -1;
        }
    }
}
