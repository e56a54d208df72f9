/** Published test vectors from contract section 8 (Sinch .NET/Java/Python SDK tests). */
export const VECTOR_SECRET = "foo_secret1234";
export const VECTOR_NONCE = "01FJA8B4A7BM43YGWSG9GBV067";
export const VECTOR_TIMESTAMP = "1634579353";

export const VECTOR_1_BODY =
  '{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}';
export const VECTOR_1_SIGNATURE = "6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=";
export const VECTOR_1_WRONG_ORDER_SIGNATURE = "9ePMMDod0/sHgIcsaMSFfTm2lryOZHWY31aysnJ0FU0=";

export const VECTOR_2_BODY =
  '{"app_id":"01EB37HMH1M6SV18BSNS3G135H","accepted_time":"2020-11-17T15:09:11.659Z","project_id":"c36f3d3d-1513-2edd-ae42-11995557ff61","message_delivery_report":{"message_id":"01EQBC1A3BEK731GY4YXEN0C2R","conversation_id":"01EPYATA64TMNZ1FV02JKF12JF","status":"QUEUED_ON_CHANNEL","contact_id":"01EXA07N79THJ20WSN6AS30TMW"}}';
export const VECTOR_2_SIGNATURE = "Yc+3R1pIS78xLASybulhs8BsSo9BPB3Pr92QCUoczfk=";

export function signedHeaders(signature: string, nonce = VECTOR_NONCE, timestamp = VECTOR_TIMESTAMP) {
  return {
    "x-sinch-webhook-signature": signature,
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
    "x-sinch-webhook-signature-algorithm": "HmacSHA256",
  };
}
