package dev.mizan.cdi.weld.broken;

import dev.mizan.MizanContext;
import dev.mizan.Param;
import dev.mizan.Scope;
import jakarta.enterprise.context.Dependent;
import java.util.List;

@Dependent
public class UnbindableParams {

    /** No no-argument constructor, no @JsonbCreator: JSON-B cannot create one. */
    public static class Point {
        private final int x;
        public Point(int x) { this.x = x; }
        public int getX() { return x; }
    }

    /** A getter and no setter: a value sent for q would be dropped. */
    public static class Filter {
        private String q;
        public String getQ() { return q; }
    }

    @MizanContext(value = "near", scope = Scope.PUBLIC) public String near(@Param("p") Point p) { return ""; }
    @MizanContext(value = "find", scope = Scope.PUBLIC) public String find(@Param("f") List<Filter> f) { return ""; }
}
