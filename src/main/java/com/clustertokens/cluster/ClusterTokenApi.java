package com.clustertokens.cluster;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.clustertokens.security.Secrets;

/**
 * The six token operations of the Cluster API v2, as a Quarkus REST Client. Every method returns the raw
 * {@link Response} so that {@link ClusterTokenClient} maps statuses and error bodies in one place and reads
 * the list body as a stream (the REST client does not buffer a {@code Response} body).
 */
@Path("/api/cluster/v2/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ClusterTokenApi {

    @GET
    Response list(@HeaderParam("Authorization") String authorization, @QueryParam("limit") Integer limit,
            @QueryParam("user") String user, @QueryParam("permissions") List<String> permissions,
            @QueryParam("from") Long from, @QueryParam("to") Long to);

    @POST
    Response create(@HeaderParam("Authorization") String authorization, CreateToken body);

    @GET
    @Path("/{id}")
    Response metadata(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    @POST
    @Path("/lookup")
    Response lookup(@HeaderParam("Authorization") String authorization, TokenLookup body);

    @PUT
    @Path("/{id}")
    Response update(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            TokenUpdate body);

    @DELETE
    @Path("/{id}")
    Response delete(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

    /** Body of {@code POST /tokens/lookup}: the secret whose metadata is wanted. */
    record TokenLookup(String token) {

        @Override
        public String toString() {
            return "TokenLookup[" + Secrets.identifier(token) + "]";
        }
    }
}
