package com.clustertokens.token;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What create-token answers: the created token (a direct call, an EventBridge event) or an SQS batch's failures. */
// DEDUCTION writes no type id: each result is written as its own record, exactly as the caller reads it.
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
public sealed interface CreateTokenResult permits CreatedToken, SqsBatchResponse {
}
