package io.waihu.dialer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.testsupport.RealInfrastructureResource;
import io.waihu.testsupport.ServiceEndpointsContract;

@QuarkusTest
@WithTestResource(RealInfrastructureResource.class)
class DialerEndpointsTest extends ServiceEndpointsContract {

    @Override
    protected String protectedPath() {
        return "/api/v1/dialer/campaigns";
    }
}
