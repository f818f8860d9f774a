"""The peer: what an analyst writes today. pandas reads the RTT Full CSV, shapes it like
nofdb's fact_rtt (codes, part, treatment function, weekly bands as an integer array, totals),
and psycopg COPYs it into PostgreSQL. Used only by Scripts/bench."""
import io
import sys
import time

import pandas as pd
import psycopg

url, path = sys.argv[1], sys.argv[2]
started = time.perf_counter()
df = pd.read_csv(path, dtype=str, keep_default_na=False)
bands = [c for c in df.columns if c.startswith("Gt ")]
period = pd.to_datetime(df["Period"].str.replace("RTT-", "", regex=False), format="%B-%Y").dt.strftime("%Y-%m-%d")
band_values = df[bands]
blank = (band_values == "").all(axis=1)
arrays = "{" + band_values.replace("", "NULL").agg(",".join, axis=1) + "}"
arrays[blank] = None
out = pd.DataFrame({
    "period": period,
    "provider_code": df["Provider Org Code"],
    "provider_parent_code": df["Provider Parent Org Code"].replace("", None),
    "commissioner_parent_code": df["Commissioner Parent Org Code"].replace("", None),
    "commissioner_code": df["Commissioner Org Code"],
    "part": df["RTT Part Type"].str.replace("Part_", "", regex=False),
    "treatment_function_code": df["Treatment Function Code"],
    "bands": arrays,
    "total": pd.to_numeric(df["Total"].replace("", None)).astype("Int64"),
    "unknown_clock_start": pd.to_numeric(df["Patients with unknown clock start date"].replace("", None)).astype("Int64"),
    "total_all": pd.to_numeric(df["Total All"].replace("", None)).astype("Int64"),
})
buffer = io.StringIO()
out.to_csv(buffer, sep="\t", header=False, index=False, na_rep="\\N")
with psycopg.connect(url) as conn:
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS peer_rtt")
        cur.execute("CREATE TABLE peer_rtt (LIKE dw.fact_rtt)")
        with cur.copy("COPY peer_rtt FROM STDIN") as copy:
            copy.write(buffer.getvalue())
    conn.commit()
print(f"{time.perf_counter() - started:.3f}")
