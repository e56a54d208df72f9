export const dynamic = "force-dynamic";

export async function POST(request) {
  await request.arrayBuffer();
  return new Response(null, { status: 200 });
}
