package io.waihu.analytics;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.ServiceEndpointsContract;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class AnalyticsEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String protectedPath() {
        return "/api/v1/spend";
    }
}
