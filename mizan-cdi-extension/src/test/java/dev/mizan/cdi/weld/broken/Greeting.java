package dev.mizan.cdi.weld.broken;

/** Not a bean: an interface method without parameter constraints. */
public interface Greeting {
    String greet(String name);
}
