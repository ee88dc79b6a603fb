package dev.mizan.cdi.weld.edge;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Scope;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CatalogApi {

    @MizanContext(value = "catalog", scope = Scope.PUBLIC)
    public String catalog() {
        return "c";
    }

    @MizanContext(value = "prices", scope = Scope.PUBLIC)
    public String prices() {
        return "p";
    }

    @MizanFunction
    @Invalidates("catalog")
    public void restock() {
    }

    @MizanFunction
    @Invalidates("prices")
    public void reprice() {
    }
}
