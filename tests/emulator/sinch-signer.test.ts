import { describe, expect, it } from "vitest";
import { computeSignature, signatureHeaders } from "../../emulator/src/callbacks/signer";

const SECRET = "foo_secret1234";
const NONCE = "01FJA8B4A7BM43YGWSG9GBV067";
const TS = "1634579353";
const BODY1 =
  '{"app_id":"","accepted_time":"2021-10-18T17:49:13.813615Z","project_id":"e2df3a34-a71b-4448-9db5-a8d2baad28e4","contact_create_notification":{"contact":{"id":"01FJA8B466Y0R2GNXD78MD9SM1","channel_identities":[{"channel":"SMS","identity":"48123456789","app_id":""}],"display_name":"New Test Contact","email":"new.contact@email.com","external_id":"","metadata":"","language":"EN_US"}},"message_metadata":""}';
const BODY2 =
  '{"app_id":"01EB37HMH1M6SV18BSNS3G135H","accepted_time":"2020-11-17T15:09:11.659Z","project_id":"c36f3d3d-1513-2edd-ae42-11995557ff61","message_delivery_report":{"message_id":"01EQBC1A3BEK731GY4YXEN0C2R","conversation_id":"01EPYATA64TMNZ1FV02JKF12JF","status":"QUEUED_ON_CHANNEL","contact_id":"01EXA07N79THJ20WSN6AS30TMW"}}';

describe("webhook signer (contract section 8)", () => {
  it("reproduces published test vector 1", () => {
    expect(Buffer.byteLength(BODY1)).toBe(405);
    expect(computeSignature(SECRET, BODY1, NONCE, TS)).toBe("6bpJoRmFoXVjfJIVglMoJzYXxnoxRujzR4k2GOXewOE=");
  });

  it("does not produce the wrong-order signature (body.timestamp.nonce)", () => {
    expect(computeSignature(SECRET, BODY1, NONCE, TS)).not.toBe("9ePMMDod0/sHgIcsaMSFfTm2lryOZHWY31aysnJ0FU0=");
    expect(computeSignature(SECRET, BODY1, TS, NONCE)).toBe("9ePMMDod0/sHgIcsaMSFfTm2lryOZHWY31aysnJ0FU0=");
  });

  it("reproduces published test vector 2 (string and Buffer bodies)", () => {
    expect(Buffer.byteLength(BODY2)).toBe(322);
    expect(computeSignature(SECRET, BODY2, NONCE, TS)).toBe("Yc+3R1pIS78xLASybulhs8BsSo9BPB3Pr92QCUoczfk=");
    expect(computeSignature(SECRET, Buffer.from(BODY2), NONCE, TS)).toBe("Yc+3R1pIS78xLASybulhs8BsSo9BPB3Pr92QCUoczfk=");
  });

  it("builds all four headers with a seconds timestamp", () => {
    const h = signatureHeaders(SECRET, BODY2, NONCE, 1634579353.9);
    expect(h).toEqual({
      "x-sinch-webhook-signature": "Yc+3R1pIS78xLASybulhs8BsSo9BPB3Pr92QCUoczfk=",
      "x-sinch-webhook-signature-nonce": NONCE,
      "x-sinch-webhook-signature-timestamp": TS,
      "x-sinch-webhook-signature-algorithm": "HmacSHA256",
    });
  });
});
