package dev.mizan.cdi.weld.broken;

import dev.mizan.Invalidates;
import dev.mizan.MizanContext;
import dev.mizan.MizanFunction;
import dev.mizan.Param;
import dev.mizan.Scope;

/** Not a bean: Mizan annotations on abstract interface methods, which do not carry over to an implementation. */
public interface ItemsApi {
    @MizanContext(value = "listed", scope = Scope.PUBLIC) String listed(@Param("list") long list);
    @MizanFunction @Invalidates(value = "items", params = "list") String add(@Param("list") long list);

    /** Implemented instead of ItemsApi itself: Mizan looks through every interface a bean class has. */
    interface Local extends ItemsApi { }
}
