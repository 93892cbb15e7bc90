-- A database of the release before migrations (commit 3b58e0d): the demo's quarter, archived.
BEGIN TRANSACTION;
CREATE TABLE agency (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	code VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "agency" VALUES(1,'Dinas Bina Marga, Cipta Karya dan Tata Ruang','bmcktr','2026-12-06 00:38:46.873311');
CREATE TABLE agencyprofile (
	agency_id INTEGER NOT NULL, 
	government VARCHAR NOT NULL, 
	address VARCHAR NOT NULL, 
	place VARCHAR NOT NULL, 
	updated_at DATETIME, 
	PRIMARY KEY (agency_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id)
);
INSERT INTO "agencyprofile" VALUES(1,'Sumatera Barat','Jl. Taman Siswa No. 1, Padang 25138','Padang','2026-12-06 00:38:46.893285');
CREATE TABLE auditevent (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	cycle_id INTEGER, 
	actor_user_id INTEGER, 
	action VARCHAR NOT NULL, 
	at DATETIME NOT NULL, 
	"before" JSON NOT NULL, 
	"after" JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(cycle_id) REFERENCES measurementcycle (id), 
	FOREIGN KEY(actor_user_id) REFERENCES user (id)
);
INSERT INTO "auditevent" VALUES(1,1,NULL,NULL,'agency.init','2026-12-06 00:38:46.873311','{}','{"name": "Dinas Bina Marga, Cipta Karya dan Tata Ruang", "divisions": ["Bina Marga", "Cipta Karya", "Tata Ruang"]}');
INSERT INTO "auditevent" VALUES(2,1,NULL,NULL,'agency.profile','2026-12-06 00:38:46.893285','{"name": "Dinas Bina Marga, Cipta Karya dan Tata Ruang", "code": "bmcktr", "government": "", "address": "", "place": ""}','{"name": "Dinas Bina Marga, Cipta Karya dan Tata Ruang", "code": "bmcktr", "government": "Sumatera Barat", "address": "Jl. Taman Siswa No. 1, Padang 25138", "place": "Padang"}');
INSERT INTO "auditevent" VALUES(3,1,NULL,NULL,'user.add','2026-12-06 00:38:46.897095','{}','{"user_id": 1, "name": "ERASUKMA MUNAF, ST, MM", "roles": ["head:"]}');
INSERT INTO "auditevent" VALUES(4,1,NULL,NULL,'user.add','2026-12-06 00:38:46.902880','{}','{"user_id": 2, "name": "Dra. RINA MARLINA, M.Si", "roles": ["secretary:"]}');
INSERT INTO "auditevent" VALUES(5,1,NULL,NULL,'user.add','2026-12-06 00:38:46.905173','{}','{"user_id": 3, "name": "ANDI PRATAMA, ST", "roles": ["sakip_team:"]}');
INSERT INTO "auditevent" VALUES(6,1,NULL,NULL,'user.add','2026-12-06 00:38:46.907007','{}','{"user_id": 4, "name": "SITI AMINAH, SE", "roles": ["sakip_team:"]}');
INSERT INTO "auditevent" VALUES(7,1,NULL,NULL,'user.add','2026-12-06 00:38:46.908834','{}','{"user_id": 5, "name": "Ir. BUDI SANTOSO, MT", "roles": ["division:Bina Marga"]}');
INSERT INTO "auditevent" VALUES(8,1,NULL,NULL,'user.add','2026-12-06 00:38:46.911584','{}','{"user_id": 6, "name": "FITRI YANTI, ST, M.Eng", "roles": ["division:Cipta Karya"]}');
INSERT INTO "auditevent" VALUES(9,1,NULL,NULL,'user.add','2026-12-06 00:38:46.913571','{}','{"user_id": 7, "name": "HENDRA GUNAWAN, ST, MT", "roles": ["division:Tata Ruang"]}');
INSERT INTO "auditevent" VALUES(10,1,NULL,NULL,'user.add','2026-12-06 00:38:46.915420','{}','{"user_id": 8, "name": "YULIA SARI, SE", "roles": ["planning_unit:"]}');
INSERT INTO "auditevent" VALUES(11,1,NULL,NULL,'master.import','2026-12-06 00:38:46.964067','{"version": null}','{"agreement_id": 1, "year": 2026, "version": 1, "label": "Perjanjian Kinerja", "source_name": "master-bmcktr-2026.xlsx", "sha256": "d11f1de0fcb16c8738afec2125df293b39e031966a80ba52484eda63852d3cff", "goals": 4, "indicators": 13, "budget_items": 26, "warnings": 0}');
INSERT INTO "auditevent" VALUES(12,1,1,1,'cycle.start','2026-12-06 00:38:48.148037','{}','{"year": 2026, "quarter": 4}');
INSERT INTO "auditevent" VALUES(13,1,1,1,'step.order.done','2026-12-06 00:38:48.198118','{"status": "active"}','{"run": 1, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(14,1,1,2,'step.briefing.done','2026-12-06 00:38:48.471149','{"status": "active"}','{"run": 2, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(15,1,1,3,'step.prepare_forms.done','2026-12-06 00:38:48.666735','{"status": "active"}','{"run": 3, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(16,1,1,2,'step.fill_in.done','2026-12-06 00:38:49.290927','{"status": "active"}','{"run": 4, "division_id": 1, "note": null}');
INSERT INTO "auditevent" VALUES(17,1,1,5,'step.fill_in.done','2026-12-06 00:38:49.699067','{"status": "active"}','{"run": 5, "division_id": 2, "note": null}');
INSERT INTO "auditevent" VALUES(18,1,1,6,'step.fill_in.done','2026-12-06 00:38:49.992247','{"status": "active"}','{"run": 6, "division_id": 3, "note": null}');
INSERT INTO "auditevent" VALUES(19,1,1,7,'step.fill_in.done','2026-12-06 00:38:50.414839','{"status": "active"}','{"run": 7, "division_id": 4, "note": null}');
INSERT INTO "auditevent" VALUES(20,1,1,3,'step.compile.done','2026-12-06 00:38:50.496799','{"status": "active"}','{"run": 8, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(21,1,1,2,'step.forward.done','2026-12-06 00:38:51.587337','{"status": "active"}','{"run": 9, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(22,1,1,1,'step.review.returned','2026-12-06 00:38:51.721012','{}','{"note": "Foto progres jalan belum dilampirkan.", "division_ids": [2]}');
INSERT INTO "auditevent" VALUES(23,1,1,5,'step.fill_in.done','2026-12-06 00:38:52.000372','{"status": "active"}','{"run": 11, "division_id": 2, "note": null}');
INSERT INTO "auditevent" VALUES(24,1,1,3,'step.compile.done','2026-12-06 00:38:52.096094','{"status": "active"}','{"run": 12, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(25,1,1,2,'step.forward.done','2026-12-06 00:38:53.131971','{"status": "active"}','{"run": 13, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(26,1,1,1,'step.review.approved','2026-12-06 00:38:53.175168','{}','{"note": null}');
INSERT INTO "auditevent" VALUES(27,1,1,2,'step.final_report.done','2026-12-06 00:38:53.231369','{"status": "active"}','{"run": 15, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(28,1,1,8,'step.esr_upload.done','2026-12-06 00:38:53.877550','{"status": "active"}','{"run": 16, "division_id": null, "note": null}');
INSERT INTO "auditevent" VALUES(29,1,1,8,'cycle.archived','2026-12-06 00:38:53.877550','{"status": "open"}','{"status": "archived"}');
INSERT INTO "auditevent" VALUES(30,1,1,8,'archive.built','2026-12-06 00:38:53.947783','{}','{"document_id": 36, "name": "Arsip-Pengukuran-Kinerja-TW4-2026.zip", "size": 669699, "sha256": "00ce88bc6b43bccb8819cfe111552654ae80fc81d2d055edce6456e462212825", "files": 36, "audit_rows": 18}');
CREATE TABLE budgetitem (
	id INTEGER NOT NULL, 
	agreement_id INTEGER NOT NULL, 
	parent_id INTEGER, 
	division_id INTEGER, 
	level VARCHAR NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	budget NUMERIC(24, 6), 
	target_q1 NUMERIC(24, 6), 
	target_q2 NUMERIC(24, 6), 
	target_q3 NUMERIC(24, 6), 
	target_q4 NUMERIC(24, 6), 
	indicator_codes JSON NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agreement_id) REFERENCES performanceagreement (id), 
	FOREIGN KEY(parent_id) REFERENCES budgetitem (id), 
	FOREIGN KEY(division_id) REFERENCES division (id)
);
INSERT INTO "budgetitem" VALUES(1,1,NULL,1,'program','1.03.01','PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI',19485000000,4610250000,9518250000,14426250000,19080600000,'[]',0);
INSERT INTO "budgetitem" VALUES(2,1,NULL,2,'program','1.03.10','PROGRAM PENYELENGGARAAN JALAN',128450000000,16396000000,45802500000,86935000000,124979000000,'[]',6);
INSERT INTO "budgetitem" VALUES(3,1,NULL,3,'program','1.03.03','PROGRAM PENGELOLAAN DAN PENGEMBANGAN SISTEM PENYEDIAAN AIR MINUM',21500000000,1720000000,6450000000,13975000000,20855000000,'[]',11);
INSERT INTO "budgetitem" VALUES(4,1,NULL,3,'program','1.03.05','PROGRAM PENGEMBANGAN SISTEM DAN PENGELOLAAN AIR LIMBAH',12350000000,988000000,3705000000,8027500000,11979500000,'[]',14);
INSERT INTO "budgetitem" VALUES(5,1,NULL,3,'program','1.04.02','PROGRAM KAWASAN PERMUKIMAN',9875000000,790000000,2962500000,6418750000,9578750000,'[]',17);
INSERT INTO "budgetitem" VALUES(6,1,NULL,4,'program','1.03.11','PROGRAM PENYELENGGARAAN PENATAAN RUANG',4200000000,630000000,1890000000,3150000000,4032000000,'[]',20);
INSERT INTO "budgetitem" VALUES(7,1,1,NULL,'kegiatan','1.03.01.2.01','Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah',735000000,110250000,330750000,551250000,705600000,'[]',1);
INSERT INTO "budgetitem" VALUES(8,1,1,NULL,'kegiatan','1.03.01.2.02','Administrasi Keuangan Perangkat Daerah',18750000000,4500000000,9187500000,13875000000,18375000000,'[]',4);
INSERT INTO "budgetitem" VALUES(9,1,2,NULL,'kegiatan','1.03.10.2.01','Penyelenggaraan Jalan Provinsi',128450000000,16396000000,45802500000,86935000000,124979000000,'[]',7);
INSERT INTO "budgetitem" VALUES(10,1,3,NULL,'kegiatan','1.03.03.2.01','Pengelolaan dan Pengembangan SPAM Lintas Kabupaten/Kota',21500000000,1720000000,6450000000,13975000000,20855000000,'[]',12);
INSERT INTO "budgetitem" VALUES(11,1,4,NULL,'kegiatan','1.03.05.2.01','Pengelolaan dan Pengembangan Sistem Air Limbah Domestik Regional',12350000000,988000000,3705000000,8027500000,11979500000,'[]',15);
INSERT INTO "budgetitem" VALUES(12,1,5,NULL,'kegiatan','1.04.02.2.02','Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh',9875000000,790000000,2962500000,6418750000,9578750000,'[]',18);
INSERT INTO "budgetitem" VALUES(13,1,6,NULL,'kegiatan','1.03.11.2.01','Penetapan Rencana Tata Ruang Wilayah (RTRW) dan Rencana Rinci Tata Ruang (RRTR) Provinsi',3350000000,502500000,1507500000,2512500000,3216000000,'[]',21);
INSERT INTO "budgetitem" VALUES(14,1,6,NULL,'kegiatan','1.03.11.2.03','Koordinasi dan Sinkronisasi Pemanfaatan Ruang Provinsi',850000000,127500000,382500000,637500000,816000000,'[]',24);
INSERT INTO "budgetitem" VALUES(15,1,7,1,'sub_kegiatan','1.03.01.2.01.0001','Penyusunan Dokumen Perencanaan Perangkat Daerah',425000000,63750000,191250000,318750000,408000000,'["IK4.3"]',2);
INSERT INTO "budgetitem" VALUES(16,1,7,1,'sub_kegiatan','1.03.01.2.01.0006','Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD',310000000,46500000,139500000,232500000,297600000,'["IK4.1", "IK4.3"]',3);
INSERT INTO "budgetitem" VALUES(17,1,8,1,'sub_kegiatan','1.03.01.2.02.0001','Penyediaan Gaji dan Tunjangan ASN',18750000000,4500000000,9187500000,13875000000,18375000000,'["IK4.2"]',5);
INSERT INTO "budgetitem" VALUES(18,1,9,2,'sub_kegiatan','1.03.10.2.01.0017','Rekonstruksi Jalan',62400000000,4992000000,18720000000,40560000000,60528000000,'["IK1.1", "IK1.2", "IK1.4"]',8);
INSERT INTO "budgetitem" VALUES(19,1,9,2,'sub_kegiatan','1.03.10.2.01.0024','Pemeliharaan Rutin Jalan',38250000000,9180000000,18742500000,28305000000,37485000000,'["IK1.1", "IK1.4"]',9);
INSERT INTO "budgetitem" VALUES(20,1,9,2,'sub_kegiatan','1.03.10.2.01.0033','Pembangunan Jembatan',27800000000,2224000000,8340000000,18070000000,26966000000,'["IK1.3"]',10);
INSERT INTO "budgetitem" VALUES(21,1,10,3,'sub_kegiatan','1.03.03.2.01.0001','Pembangunan SPAM Jaringan Perpipaan',21500000000,1720000000,6450000000,13975000000,20855000000,'["IK2.1"]',13);
INSERT INTO "budgetitem" VALUES(22,1,11,3,'sub_kegiatan','1.03.05.2.01.0001','Pembangunan SPALD Terpusat',12350000000,988000000,3705000000,8027500000,11979500000,'["IK2.2"]',16);
INSERT INTO "budgetitem" VALUES(23,1,12,3,'sub_kegiatan','1.04.02.2.02.0001','Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas 10 (sepuluh) Ha sampai dengan di bawah 15 (lima belas) Ha',9875000000,790000000,2962500000,6418750000,9578750000,'["IK2.3"]',19);
INSERT INTO "budgetitem" VALUES(24,1,13,4,'sub_kegiatan','1.03.11.2.01.0001','Penyusunan Rencana Tata Ruang Wilayah Provinsi',2150000000,322500000,967500000,1612500000,2064000000,'["IK3.1"]',22);
INSERT INTO "budgetitem" VALUES(25,1,13,4,'sub_kegiatan','1.03.11.2.01.0002','Penyusunan Rencana Detail Tata Ruang Kawasan Strategis Provinsi',1200000000,180000000,540000000,900000000,1152000000,'["IK3.1"]',23);
INSERT INTO "budgetitem" VALUES(26,1,14,4,'sub_kegiatan','1.03.11.2.03.0001','Pelaksanaan Kesesuaian Kegiatan Pemanfaatan Ruang',850000000,127500000,382500000,637500000,816000000,'["IK3.2", "IK3.3"]',25);
CREATE TABLE conversationdraft (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	flow VARCHAR NOT NULL, 
	data JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (user_id, flow), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE delegation (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	principal_user_id INTEGER NOT NULL, 
	substitute_user_id INTEGER NOT NULL, 
	kind VARCHAR NOT NULL, 
	starts_at DATETIME NOT NULL, 
	ends_at DATETIME NOT NULL, 
	created_by_user_id INTEGER, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(principal_user_id) REFERENCES user (id), 
	FOREIGN KEY(substitute_user_id) REFERENCES user (id), 
	FOREIGN KEY(created_by_user_id) REFERENCES user (id)
);
CREATE TABLE division (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	is_secretariat BOOLEAN NOT NULL, 
	active BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (agency_id, name), 
	FOREIGN KEY(agency_id) REFERENCES agency (id)
);
INSERT INTO "division" VALUES(1,1,'Sekretariat',1,1);
INSERT INTO "division" VALUES(2,1,'Bina Marga',0,1);
INSERT INTO "division" VALUES(3,1,'Cipta Karya',0,1);
INSERT INTO "division" VALUES(4,1,'Tata Ruang',0,1);
CREATE TABLE document (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	cycle_id INTEGER, 
	step VARCHAR, 
	kind VARCHAR NOT NULL, 
	division_id INTEGER, 
	indicator_id INTEGER, 
	path VARCHAR NOT NULL, 
	original_name VARCHAR NOT NULL, 
	mime_type VARCHAR NOT NULL, 
	size INTEGER NOT NULL, 
	sha256 VARCHAR NOT NULL, 
	created_by_user_id INTEGER, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(cycle_id) REFERENCES measurementcycle (id), 
	FOREIGN KEY(division_id) REFERENCES division (id), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id), 
	FOREIGN KEY(created_by_user_id) REFERENCES user (id)
);
INSERT INTO "document" VALUES(1,1,1,'order','analysis_report',NULL,NULL,'files/de/de04a70e9666cd2e17f03ecb84e9e7f3874c1038607394de2d2f851b47122094.pdf','Analisa-Data-Kinerja.pdf','application/pdf',595,'de04a70e9666cd2e17f03ecb84e9e7f3874c1038607394de2d2f851b47122094',1,'2026-12-06 00:38:48.179373');
INSERT INTO "document" VALUES(2,1,1,'order','head_memo',NULL,NULL,'files/23/2313faebbaa3221bfbb59276d2017dac97e84318a16ebb0370f6708c90d8c221.pdf','Nota-Kepala-Dinas-TW4-2026.pdf','application/pdf',28194,'2313faebbaa3221bfbb59276d2017dac97e84318a16ebb0370f6708c90d8c221',1,'2026-12-06 00:38:48.348797');
INSERT INTO "document" VALUES(3,1,1,'briefing','minutes',NULL,NULL,'files/72/7251e55d3c5407366abd2f978b33e1a15227f3eacce81994b4ff14274056d00a.pdf','Notulen-Rapat-TW4-2026.pdf','application/pdf',28212,'7251e55d3c5407366abd2f978b33e1a15227f3eacce81994b4ff14274056d00a',2,'2026-12-06 00:38:48.617348');
INSERT INTO "document" VALUES(4,1,1,'prepare_forms','form',1,NULL,'files/12/12171154925f3e856c962d25c7c8d0ba48d069b859dbfbd9505fac1e85c5cf59.xlsx','Format-Realisasi-TW4-2026-Sekretariat.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7934,'12171154925f3e856c962d25c7c8d0ba48d069b859dbfbd9505fac1e85c5cf59',3,'2026-12-06 00:38:48.699557');
INSERT INTO "document" VALUES(5,1,1,'prepare_forms','form',2,NULL,'files/b5/b529f640afefaab535d5a5afd8b32d4f8490fba44734abff873296e8dd891d2f.xlsx','Format-Realisasi-TW4-2026-Bina Marga.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7956,'b529f640afefaab535d5a5afd8b32d4f8490fba44734abff873296e8dd891d2f',3,'2026-12-06 00:38:48.714727');
INSERT INTO "document" VALUES(6,1,1,'prepare_forms','form',3,NULL,'files/93/934987781b4d11c026411301b0c90a4a6e262698887462ace8f6f1232478967c.xlsx','Format-Realisasi-TW4-2026-Cipta Karya.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7948,'934987781b4d11c026411301b0c90a4a6e262698887462ace8f6f1232478967c',3,'2026-12-06 00:38:48.727415');
INSERT INTO "document" VALUES(7,1,1,'prepare_forms','form',4,NULL,'files/f3/f3e1c3101efff38c0ba8864eefc4cad765c2df4a519f3bfdbd5d3434fecaa68b.xlsx','Format-Realisasi-TW4-2026-Tata Ruang.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7915,'f3e1c3101efff38c0ba8864eefc4cad765c2df4a519f3bfdbd5d3434fecaa68b',3,'2026-12-06 00:38:48.741386');
INSERT INTO "document" VALUES(8,1,1,'fill_in','evidence',1,11,'files/21/21f0d1e8e9fddb1bf61ecb2ddc55395ef67493d70b4c816adddd5cfa97207ee1.pdf','Data-Dukung-Sekretariat-1.pdf','application/pdf',600,'21f0d1e8e9fddb1bf61ecb2ddc55395ef67493d70b4c816adddd5cfa97207ee1',2,'2026-12-06 00:38:48.996880');
INSERT INTO "document" VALUES(9,1,1,'fill_in','evidence',1,12,'files/a2/a2c533b7e407a5746e4319507ff747b9dd326e5e42a444d59ad2a4959908130d.pdf','Data-Dukung-Sekretariat-3.pdf','application/pdf',600,'a2c533b7e407a5746e4319507ff747b9dd326e5e42a444d59ad2a4959908130d',2,'2026-12-06 00:38:49.055923');
INSERT INTO "document" VALUES(10,1,1,'fill_in','evidence',1,13,'files/44/441477dd9b14d64c8808f7895772d8c811b53f87b5517654d3d42607d4518ae9.pdf','Data-Dukung-Sekretariat-7.pdf','application/pdf',600,'441477dd9b14d64c8808f7895772d8c811b53f87b5517654d3d42607d4518ae9',2,'2026-12-06 00:38:49.146848');
INSERT INTO "document" VALUES(11,1,1,'fill_in','draft',1,NULL,'files/aa/aa5c15609d920959e011edbaba6981d81693f671a8ebd97b3cfc146944562b16.xlsx','Draf-Realisasi-TW4-2026-Sekretariat-r1.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',8008,'aa5c15609d920959e011edbaba6981d81693f671a8ebd97b3cfc146944562b16',2,'2026-12-06 00:38:49.310868');
INSERT INTO "document" VALUES(12,1,1,'fill_in','evidence',2,1,'files/5b/5b6c160405ecc57806094161d66cbc4b504d0f2dc44224af2b3151013bf2cae7.pdf','Data-Dukung-Bina-Marga-1.pdf','application/pdf',599,'5b6c160405ecc57806094161d66cbc4b504d0f2dc44224af2b3151013bf2cae7',5,'2026-12-06 00:38:49.405341');
INSERT INTO "document" VALUES(13,1,1,'fill_in','evidence',2,2,'files/8b/8b2b4e3987cec317c662590520b77c6d5cb822d063957db46fc09e1a87e313dc.pdf','Data-Dukung-Bina-Marga-3.pdf','application/pdf',599,'8b2b4e3987cec317c662590520b77c6d5cb822d063957db46fc09e1a87e313dc',5,'2026-12-06 00:38:49.467119');
INSERT INTO "document" VALUES(14,1,1,'fill_in','evidence',2,3,'files/28/281934b14f5e655c13f0f4d565eeb83c91b952f8507a0251f0b1871883f3d510.pdf','Data-Dukung-Bina-Marga-5.pdf','application/pdf',599,'281934b14f5e655c13f0f4d565eeb83c91b952f8507a0251f0b1871883f3d510',5,'2026-12-06 00:38:49.521570');
INSERT INTO "document" VALUES(15,1,1,'fill_in','evidence',2,4,'files/29/29e3b1e13f4f46555c8ec0472f78323193df9a89639f875280856010b1c189be.pdf','Data-Dukung-Bina-Marga-7.pdf','application/pdf',599,'29e3b1e13f4f46555c8ec0472f78323193df9a89639f875280856010b1c189be',5,'2026-12-06 00:38:49.572074');
INSERT INTO "document" VALUES(16,1,1,'fill_in','draft',2,NULL,'files/bd/bda5c2e8d0fd4cb36e8da8759d1737c14fd23ce4f560a02ab5acf4484d373366.xlsx','Draf-Realisasi-TW4-2026-Bina Marga-r1.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7978,'bda5c2e8d0fd4cb36e8da8759d1737c14fd23ce4f560a02ab5acf4484d373366',5,'2026-12-06 00:38:49.715998');
INSERT INTO "document" VALUES(17,1,1,'fill_in','evidence',3,5,'files/a8/a8150617dafb092fbdd6e3276e427a78c529da3fe0e873010484a8cb64ac5ece.pdf','Data-Dukung-Cipta-Karya-0.pdf','application/pdf',600,'a8150617dafb092fbdd6e3276e427a78c529da3fe0e873010484a8cb64ac5ece',6,'2026-12-06 00:38:49.851209');
INSERT INTO "document" VALUES(18,1,1,'fill_in','evidence',3,6,'files/64/64114e44101e70433efa19e9b10b20acfd5d8c4645ebeeadf3e3728b7d46de8f.pdf','Data-Dukung-Cipta-Karya-1.pdf','application/pdf',600,'64114e44101e70433efa19e9b10b20acfd5d8c4645ebeeadf3e3728b7d46de8f',6,'2026-12-06 00:38:49.885250');
INSERT INTO "document" VALUES(19,1,1,'fill_in','evidence',3,7,'files/54/54120b238aac29536913b13a80c8b276b1ccec7fa2c5260e5d7d73d3f97302e8.pdf','Data-Dukung-Cipta-Karya-2.pdf','application/pdf',600,'54120b238aac29536913b13a80c8b276b1ccec7fa2c5260e5d7d73d3f97302e8',6,'2026-12-06 00:38:49.926274');
INSERT INTO "document" VALUES(20,1,1,'fill_in','draft',3,NULL,'files/67/67efbe2e9014f9e6ef45bf5f2e7fe3bc67f948c8e9621791e8caf84ebc15f490.xlsx','Draf-Realisasi-TW4-2026-Cipta Karya-r1.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7965,'67efbe2e9014f9e6ef45bf5f2e7fe3bc67f948c8e9621791e8caf84ebc15f490',6,'2026-12-06 00:38:50.010924');
INSERT INTO "document" VALUES(21,1,1,'fill_in','evidence',4,8,'files/fa/fa6fb2e68b0adda5b8cd6524e26015fcd0b2cf65d4d326503c0ebf6b379580fd.pdf','Data-Dukung-Tata-Ruang-1.pdf','application/pdf',599,'fa6fb2e68b0adda5b8cd6524e26015fcd0b2cf65d4d326503c0ebf6b379580fd',7,'2026-12-06 00:38:50.112493');
INSERT INTO "document" VALUES(22,1,1,'fill_in','evidence',4,9,'files/98/982e01da58b17061b971317f784de5dcf5ce004b1614e43333e4a7b9a62d7179.pdf','Data-Dukung-Tata-Ruang-3.pdf','application/pdf',599,'982e01da58b17061b971317f784de5dcf5ce004b1614e43333e4a7b9a62d7179',7,'2026-12-06 00:38:50.173882');
INSERT INTO "document" VALUES(23,1,1,'fill_in','evidence',4,10,'files/dc/dc97da634b5204b9329396822950dcb59d112180180c8c4f84b7a165353e6fa2.pdf','Data-Dukung-Tata-Ruang-7.pdf','application/pdf',599,'dc97da634b5204b9329396822950dcb59d112180180c8c4f84b7a165353e6fa2',7,'2026-12-06 00:38:50.281035');
INSERT INTO "document" VALUES(24,1,1,'fill_in','draft',4,NULL,'files/0e/0ec1a259c3bf09e5fbd7a34e3a3918004dc0b66de29e50bf3b528a5ba50e57cc.xlsx','Draf-Realisasi-TW4-2026-Tata Ruang-r1.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7985,'0ec1a259c3bf09e5fbd7a34e3a3918004dc0b66de29e50bf3b528a5ba50e57cc',7,'2026-12-06 00:38:50.432284');
INSERT INTO "document" VALUES(25,1,1,'compile','report',NULL,NULL,'files/1e/1ecd83679953bddb542fd75fe00742668eaf33b2c1c91374993973fafe485f49.pdf','Laporan-Hasil-Pengukuran-Kinerja-TW4-2026.pdf','application/pdf',184608,'1ecd83679953bddb542fd75fe00742668eaf33b2c1c91374993973fafe485f49',3,'2026-12-06 00:38:51.174431');
INSERT INTO "document" VALUES(26,1,1,'compile','report',NULL,NULL,'files/6d/6ddd17a45df786ed8aedfef4888eadbd095784505669af6ae87ff876ae85b0b7.xlsx','Laporan-Hasil-Pengukuran-Kinerja-TW4-2026.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',19664,'6ddd17a45df786ed8aedfef4888eadbd095784505669af6ae87ff876ae85b0b7',3,'2026-12-06 00:38:51.177618');
INSERT INTO "document" VALUES(27,1,1,'compile','chart',NULL,NULL,'files/16/16445cd600cd90e8f7e4d67be31978eaf2026a8d773e209ae805c87bbec1feb1.png','Grafik-Capaian-TW4-2026-r1.png','image/png',134931,'16445cd600cd90e8f7e4d67be31978eaf2026a8d773e209ae805c87bbec1feb1',3,'2026-12-06 00:38:51.515473');
INSERT INTO "document" VALUES(28,1,1,'compile','chart',NULL,NULL,'files/65/65f052c7ac741a0ecc7e55573fe3b96cad097ed1e677ce6b4ae39c1516069e6c.png','Grafik-Serapan-TW4-2026-r1.png','image/png',30480,'65f052c7ac741a0ecc7e55573fe3b96cad097ed1e677ce6b4ae39c1516069e6c',3,'2026-12-06 00:38:51.517553');
INSERT INTO "document" VALUES(29,1,1,'fill_in','evidence',2,1,'files/67/673c904341a3f2e6de1ca6de1cdb54382329ac3f4d2245ba8ccc7bfac63a89f7.jpg','foto-AQAD673c904341a3.jpg','image/jpeg',72,'673c904341a3f2e6de1ca6de1cdb54382329ac3f4d2245ba8ccc7bfac63a89f7',5,'2026-12-06 00:38:51.913195');
INSERT INTO "document" VALUES(30,1,1,'fill_in','draft',2,NULL,'files/79/7962dae23b05d3397863aba126e5469d6e6e69a702e85d0018c4ae38eeaf1729.xlsx','Draf-Realisasi-TW4-2026-Bina Marga-r2.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',7977,'7962dae23b05d3397863aba126e5469d6e6e69a702e85d0018c4ae38eeaf1729',5,'2026-12-06 00:38:52.031589');
INSERT INTO "document" VALUES(31,1,1,'compile','report',NULL,NULL,'files/d6/d63cc51ae10e5bf08a25f48c1e7ce9d2e3db8565bb4b2a0bec6f1150dda4b3f4.pdf','Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.pdf','application/pdf',184873,'d63cc51ae10e5bf08a25f48c1e7ce9d2e3db8565bb4b2a0bec6f1150dda4b3f4',3,'2026-12-06 00:38:52.792624');
INSERT INTO "document" VALUES(32,1,1,'compile','report',NULL,NULL,'files/46/46135c1cc4fe854ee7bb071eb8cdc25193060f8a5dd7479211d8a4426f0da120.xlsx','Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',19767,'46135c1cc4fe854ee7bb071eb8cdc25193060f8a5dd7479211d8a4426f0da120',3,'2026-12-06 00:38:52.794826');
INSERT INTO "document" VALUES(33,1,1,'final_report','final_report',NULL,NULL,'files/18/182ff9badf1ed3dd3dd5b4a571f101016dec3ffd168fa9edba7fc96fc2b47194.xlsx','Realisasi-Rencana-Aksi-TW4-2026.xlsx','application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',11661,'182ff9badf1ed3dd3dd5b4a571f101016dec3ffd168fa9edba7fc96fc2b47194',2,'2026-12-06 00:38:53.473040');
INSERT INTO "document" VALUES(34,1,1,'final_report','final_report',NULL,NULL,'files/58/58a9be606acef819d97b00b1174aa48881a44d3378e9291857e4a8786e0fceac.pdf','Realisasi-Rencana-Aksi-TW4-2026.pdf','application/pdf',56255,'58a9be606acef819d97b00b1174aa48881a44d3378e9291857e4a8786e0fceac',2,'2026-12-06 00:38:53.743772');
INSERT INTO "document" VALUES(35,1,1,'esr_upload','esr_receipt',NULL,NULL,'files/4e/4e1c8431f847b13dc8bb386a775dac7c5d272e758cf199ba2b0a9f41a51be654.jpg','foto-AQAD4e1c8431f847.jpg','image/jpeg',72,'4e1c8431f847b13dc8bb386a775dac7c5d272e758cf199ba2b0a9f41a51be654',8,'2026-12-06 00:38:53.860190');
INSERT INTO "document" VALUES(36,1,1,'esr_upload','archive',NULL,NULL,'files/00/00ce88bc6b43bccb8819cfe111552654ae80fc81d2d055edce6456e462212825.zip','Arsip-Pengukuran-Kinerja-TW4-2026.zip','application/zip',669699,'00ce88bc6b43bccb8819cfe111552654ae80fc81d2d055edce6456e462212825',8,'2026-12-06 00:38:53.947783');
CREATE TABLE financialrealization (
	id INTEGER NOT NULL, 
	cycle_id INTEGER NOT NULL, 
	budget_item_id INTEGER NOT NULL, 
	division_id INTEGER, 
	amount NUMERIC(24, 6), 
	updated_at DATETIME NOT NULL, 
	updated_by_user_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (cycle_id, budget_item_id), 
	FOREIGN KEY(cycle_id) REFERENCES measurementcycle (id), 
	FOREIGN KEY(budget_item_id) REFERENCES budgetitem (id), 
	FOREIGN KEY(division_id) REFERENCES division (id), 
	FOREIGN KEY(updated_by_user_id) REFERENCES user (id)
);
INSERT INTO "financialrealization" VALUES(1,1,15,1,255000000,'2026-12-06 00:38:49.180199',2);
INSERT INTO "financialrealization" VALUES(2,1,16,1,186000000,'2026-12-06 00:38:49.204128',2);
INSERT INTO "financialrealization" VALUES(3,1,17,1,11250000000,'2026-12-06 00:38:49.227481',2);
INSERT INTO "financialrealization" VALUES(4,1,18,2,37440000000,'2026-12-06 00:38:49.600847',5);
INSERT INTO "financialrealization" VALUES(5,1,19,2,22950000000,'2026-12-06 00:38:49.622857',5);
INSERT INTO "financialrealization" VALUES(6,1,20,2,16680000000,'2026-12-06 00:38:49.648564',5);
INSERT INTO "financialrealization" VALUES(7,1,21,3,20855000000,'2026-12-06 00:38:49.802127',6);
INSERT INTO "financialrealization" VALUES(8,1,22,3,11979500000,'2026-12-06 00:38:49.802608',6);
INSERT INTO "financialrealization" VALUES(9,1,23,3,9578750000,'2026-12-06 00:38:49.803123',6);
INSERT INTO "financialrealization" VALUES(10,1,24,4,1290000000,'2026-12-06 00:38:50.317949',7);
INSERT INTO "financialrealization" VALUES(11,1,25,4,720000000,'2026-12-06 00:38:50.345300',7);
INSERT INTO "financialrealization" VALUES(12,1,26,4,510000000,'2026-12-06 00:38:50.371883',7);
CREATE TABLE indicator (
	id INTEGER NOT NULL, 
	agreement_id INTEGER NOT NULL, 
	goal_id INTEGER NOT NULL, 
	division_id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	unit VARCHAR NOT NULL, 
	direction VARCHAR NOT NULL, 
	range_low NUMERIC(24, 6), 
	range_high NUMERIC(24, 6), 
	accumulation VARCHAR NOT NULL, 
	cumulative_targets BOOLEAN NOT NULL, 
	decimals INTEGER NOT NULL, 
	allow_negative BOOLEAN NOT NULL, 
	annual_target NUMERIC(24, 6), 
	target_q1 NUMERIC(24, 6), 
	target_q2 NUMERIC(24, 6), 
	target_q3 NUMERIC(24, 6), 
	target_q4 NUMERIC(24, 6), 
	formula_note VARCHAR, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agreement_id) REFERENCES performanceagreement (id), 
	FOREIGN KEY(goal_id) REFERENCES strategicgoal (id), 
	FOREIGN KEY(division_id) REFERENCES division (id)
);
INSERT INTO "indicator" VALUES(1,1,1,2,'IK1.1','Persentase panjang jalan provinsi dalam kondisi mantap','%','naik',NULL,NULL,'nilai_akhir',1,2,0,82.5,79.8,80.4,81.5,82.5,'Panjang jalan kondisi baik dan sedang / panjang jalan provinsi × 100 (survei kondisi jalan)',0);
INSERT INTO "indicator" VALUES(2,1,1,2,'IK1.2','Panjang jalan provinsi yang ditingkatkan/direkonstruksi','km','naik',NULL,NULL,'akumulasi',1,2,0,48.6,0,12.5,31.2,48.6,'Jumlah panjang ruas yang selesai dikerjakan s.d. triwulan',1);
INSERT INTO "indicator" VALUES(3,1,1,2,'IK1.3','Jumlah jembatan yang dibangun atau diganti','unit','naik',NULL,NULL,'akumulasi',0,0,0,6,0,1,2,3,'Jembatan dengan berita acara serah terima pekerjaan pada triwulan itu',2);
INSERT INTO "indicator" VALUES(4,1,1,2,'IK1.4','Persentase panjang jalan provinsi dalam kondisi rusak berat','%','turun',NULL,NULL,'nilai_akhir',1,2,0,7.8,9.2,8.9,8.4,7.8,'Panjang jalan rusak berat / panjang jalan provinsi × 100',3);
INSERT INTO "indicator" VALUES(5,1,2,3,'IK2.1','Persentase rumah tangga dengan akses air minum layak','%','naik',NULL,NULL,'nilai_akhir',1,2,0,89.5,88.1,88.6,89,89.5,'Data SPAM terbangun dan Susenas BPS',4);
INSERT INTO "indicator" VALUES(6,1,2,3,'IK2.2','Persentase rumah tangga dengan akses sanitasi layak','%','naik',NULL,NULL,'nilai_akhir',1,2,0,80.25,78.9,79.3,79.8,80.25,'Data SPALD terbangun dan Susenas BPS',5);
INSERT INTO "indicator" VALUES(7,1,2,3,'IK2.3','Luas kawasan permukiman kumuh kewenangan provinsi','ha','turun',NULL,NULL,'nilai_akhir',1,2,0,412.35,438.1,431.6,422.75,412.35,'Luas kumuh menurut SK Gubernur dikurangi kawasan yang sudah ditangani',6);
INSERT INTO "indicator" VALUES(8,1,3,4,'IK3.1','Jumlah dokumen rencana tata ruang yang disusun','dokumen','naik',NULL,NULL,'akumulasi',1,0,0,3,0,1,1,3,'Dokumen RTRW/RDTR yang telah mendapat persetujuan substansi',7);
INSERT INTO "indicator" VALUES(9,1,3,4,'IK3.2','Indeks kesesuaian pemanfaatan ruang','indeks','stabil',90,95,'nilai_akhir',0,2,0,92.5,92,92,92.5,92.5,'Hasil audit tata ruang; terbaik di antara 90 dan 95',8);
INSERT INTO "indicator" VALUES(10,1,3,4,'IK3.3','Persentase rekomendasi KKPR yang diterbitkan tepat waktu','%','naik',NULL,NULL,'rata_rata',0,2,0,90,85,90,92.5,92.5,'Rekomendasi tepat waktu / rekomendasi diterbitkan × 100',9);
INSERT INTO "indicator" VALUES(11,1,4,1,'IK4.1','Nilai hasil evaluasi SAKIP Dinas','nilai','naik',NULL,NULL,'nilai_akhir',0,2,0,75,NULL,NULL,75,NULL,'Nilai evaluasi AKIP oleh Inspektorat (diumumkan triwulan III)',10);
INSERT INTO "indicator" VALUES(12,1,4,1,'IK4.2','Persentase realisasi anggaran Dinas','%','naik',NULL,NULL,'nilai_akhir',1,2,0,95,15,40,70,95,'Realisasi keuangan s.d. triwulan / pagu DPA × 100',11);
INSERT INTO "indicator" VALUES(13,1,4,1,'IK4.3','Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu','%','naik',NULL,NULL,'rata_rata',0,2,0,100,100,100,100,100,'Dokumen tepat waktu / dokumen wajib pada triwulan itu × 100',12);
CREATE TABLE indicatorrealization (
	id INTEGER NOT NULL, 
	cycle_id INTEGER NOT NULL, 
	indicator_id INTEGER NOT NULL, 
	division_id INTEGER NOT NULL, 
	value NUMERIC(24, 6), 
	explanation VARCHAR, 
	obstacles VARCHAR, 
	follow_up VARCHAR, 
	updated_at DATETIME NOT NULL, 
	updated_by_user_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (cycle_id, indicator_id), 
	FOREIGN KEY(cycle_id) REFERENCES measurementcycle (id), 
	FOREIGN KEY(indicator_id) REFERENCES indicator (id), 
	FOREIGN KEY(division_id) REFERENCES division (id), 
	FOREIGN KEY(updated_by_user_id) REFERENCES user (id)
);
INSERT INTO "indicatorrealization" VALUES(1,1,11,1,10,NULL,NULL,NULL,'2026-12-06 00:38:48.973209',2);
INSERT INTO "indicatorrealization" VALUES(2,1,12,1,95,NULL,NULL,NULL,'2026-12-06 00:38:49.026967',2);
INSERT INTO "indicatorrealization" VALUES(3,1,13,1,90,NULL,'Cuaca hujan menghambat pekerjaan di lapangan.','Menambah jam kerja dan tenaga lapangan.','2026-12-06 00:38:49.124310',2);
INSERT INTO "indicatorrealization" VALUES(4,1,1,2,82.5,NULL,NULL,NULL,'2026-12-06 00:38:51.864650',5);
INSERT INTO "indicatorrealization" VALUES(5,1,2,2,17.4,NULL,NULL,NULL,'2026-12-06 00:38:49.436523',5);
INSERT INTO "indicatorrealization" VALUES(6,1,3,2,3,NULL,NULL,NULL,'2026-12-06 00:38:49.498421',5);
INSERT INTO "indicatorrealization" VALUES(7,1,4,2,7.8,NULL,NULL,NULL,'2026-12-06 00:38:49.547532',5);
INSERT INTO "indicatorrealization" VALUES(8,1,5,3,89.5,NULL,NULL,NULL,'2026-12-06 00:38:49.800301',6);
INSERT INTO "indicatorrealization" VALUES(9,1,6,3,80.25,NULL,NULL,NULL,'2026-12-06 00:38:49.801138',6);
INSERT INTO "indicatorrealization" VALUES(10,1,7,3,412.35,NULL,NULL,NULL,'2026-12-06 00:38:49.801682',6);
INSERT INTO "indicatorrealization" VALUES(11,1,8,4,2,NULL,NULL,NULL,'2026-12-06 00:38:50.089540',7);
INSERT INTO "indicatorrealization" VALUES(12,1,9,4,92.5,NULL,NULL,NULL,'2026-12-06 00:38:50.143543',7);
INSERT INTO "indicatorrealization" VALUES(13,1,10,4,83.25,NULL,'Cuaca hujan menghambat pekerjaan di lapangan.','Menambah jam kerja dan tenaga lapangan.','2026-12-06 00:38:50.250961',7);
CREATE TABLE invite (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	user_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	used_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(user_id) REFERENCES user (id)
);
CREATE TABLE measurementcycle (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	quarter INTEGER NOT NULL, 
	status VARCHAR NOT NULL, 
	opened_by_user_id INTEGER NOT NULL, 
	agreement_id INTEGER, 
	created_at DATETIME NOT NULL, 
	closed_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(opened_by_user_id) REFERENCES user (id), 
	FOREIGN KEY(agreement_id) REFERENCES performanceagreement (id)
);
INSERT INTO "measurementcycle" VALUES(1,1,2026,4,'archived',1,1,'2026-12-06 00:38:48.148037','2026-12-06 00:38:53.877550');
CREATE TABLE messagelog (
	id INTEGER NOT NULL, 
	chat_id BIGINT NOT NULL, 
	method VARCHAR NOT NULL, 
	message_id INTEGER, 
	text VARCHAR, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "messagelog" VALUES(1,710001,'sendmessage',2,'Pengukuran kinerja untuk tahun berapa?','2026-12-06 00:38:48.118464');
INSERT INTO "messagelog" VALUES(2,710001,'editmessagereplymarkup',2,'Pengukuran kinerja untuk tahun berapa?','2026-12-06 00:38:48.130288');
INSERT INTO "messagelog" VALUES(3,710001,'sendmessage',3,'Triwulan yang mana?','2026-12-06 00:38:48.136319');
INSERT INTO "messagelog" VALUES(4,710001,'editmessagereplymarkup',3,'Triwulan yang mana?','2026-12-06 00:38:48.146341');
INSERT INTO "messagelog" VALUES(5,710001,'sendmessage',4,'Siklus pengukuran Triwulan IV Tahun 2026 dibuka.','2026-12-06 00:38:48.157419');
INSERT INTO "messagelog" VALUES(6,710001,'sendmessage',5,'Langkah 1 memerlukan Laporan Hasil Analisa Data Kinerja.
Silakan kirim berkasnya (PDF/Excel/Word).','2026-12-06 00:38:48.169280');
INSERT INTO "messagelog" VALUES(7,710001,'sendmessage',7,'📎 Tersimpan: Analisa-Data-Kinerja.pdf (595 B).','2026-12-06 00:38:48.184608');
INSERT INTO "messagelog" VALUES(8,710001,'sendmessage',8,'Terbitkan Nota Kepala Dinas untuk pengukuran kinerja Triwulan IV Tahun 2026?
Lampiran: Analisa-Data-Kinerja.pdf
(Kirim berkas lain bila lampiran ini keliru.)

Nota akan dikirim kepada Sekretaris.','2026-12-06 00:38:48.190847');
INSERT INTO "messagelog" VALUES(9,710001,'editmessagereplymarkup',8,'Terbitkan Nota Kepala Dinas untuk pengukuran kinerja Triwulan IV Tahun 2026?
Lampiran: Analisa-Data-Kinerja.pdf
(Kirim berkas lain bila lampiran ini keliru.)

Nota akan dikirim kepada Sekretaris.','2026-12-06 00:38:48.196575');
INSERT INTO "messagelog" VALUES(10,710001,'sendmessage',9,'✅ Nota Kepala Dinas Triwulan IV Tahun 2026 telah diterbitkan dan dikirim kepada Sekretaris. Terima kasih.','2026-12-06 00:38:48.363281');
INSERT INTO "messagelog" VALUES(11,710002,'senddocument',1,'[Nota-Kepala-Dinas-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 2: Rapat arahan dengan Tim SAKIP

Sekretaris melakukan rapat dengan tim SAKIP untuk memberikan arahan pelaksanaan kegiatan pengukuran kinerja.
⏱️ Mutu baku: 2 jam. Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.372036');
INSERT INTO "messagelog" VALUES(12,710002,'editmessagereplymarkup',1,'[Nota-Kepala-Dinas-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 2: Rapat arahan dengan Tim SAKIP

Sekretaris melakukan rapat dengan tim SAKIP untuk memberikan arahan pelaksanaan kegiatan pengukuran kinerja.
⏱️ Mutu baku: 2 jam. Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.379598');
INSERT INTO "messagelog" VALUES(13,710002,'sendmessage',2,'Kapan rapat arahan dengan Tim SAKIP dilaksanakan? Pilih, atau ketik tanggal (contoh: 11-01-2024).','2026-12-06 00:38:48.387943');
INSERT INTO "messagelog" VALUES(14,710002,'editmessagereplymarkup',2,'Kapan rapat arahan dengan Tim SAKIP dilaksanakan? Pilih, atau ketik tanggal (contoh: 11-01-2024).','2026-12-06 00:38:48.395504');
INSERT INTO "messagelog" VALUES(15,710002,'sendmessage',3,'Siapa saja anggota Tim SAKIP yang hadir? Sentuh nama untuk memilih, lalu ✔️ Selesai.','2026-12-06 00:38:48.403085');
INSERT INTO "messagelog" VALUES(16,710002,'editmessagereplymarkup',3,'Siapa saja anggota Tim SAKIP yang hadir? Sentuh nama untuk memilih, lalu ✔️ Selesai.','2026-12-06 00:38:48.423199');
INSERT INTO "messagelog" VALUES(17,710002,'editmessagereplymarkup',3,'Siapa saja anggota Tim SAKIP yang hadir? Sentuh nama untuk memilih, lalu ✔️ Selesai.','2026-12-06 00:38:48.434359');
INSERT INTO "messagelog" VALUES(18,710002,'editmessagereplymarkup',3,'Siapa saja anggota Tim SAKIP yang hadir? Sentuh nama untuk memilih, lalu ✔️ Selesai.','2026-12-06 00:38:48.439518');
INSERT INTO "messagelog" VALUES(19,710002,'sendmessage',4,'Tuliskan pokok-pokok arahan rapat (boleh beberapa baris).','2026-12-06 00:38:48.442011');
INSERT INTO "messagelog" VALUES(20,710002,'sendmessage',6,'Ada berkas notulen/foto rapat yang ingin dilampirkan? Kirim berkasnya, atau tekan ⏭️ Lewati.','2026-12-06 00:38:48.449255');
INSERT INTO "messagelog" VALUES(21,710002,'editmessagereplymarkup',6,'Ada berkas notulen/foto rapat yang ingin dilampirkan? Kirim berkasnya, atau tekan ⏭️ Lewati.','2026-12-06 00:38:48.455977');
INSERT INTO "messagelog" VALUES(22,710002,'sendmessage',7,'Mohon periksa Notulen Rapat:
📅 Tanggal: 6 Desember 2026
👥 Peserta: ANDI PRATAMA, ST; SITI AMINAH, SE
📝 Arahan:
1. Isi realisasi per indikator.
2. Lampirkan data dukung.
📎 Lampiran: -

Simpan dan kirim kepada Tim SAKIP?','2026-12-06 00:38:48.463274');
INSERT INTO "messagelog" VALUES(23,710002,'editmessagereplymarkup',7,'Mohon periksa Notulen Rapat:
📅 Tanggal: 6 Desember 2026
👥 Peserta: ANDI PRATAMA, ST; SITI AMINAH, SE
📝 Arahan:
1. Isi realisasi per indikator.
2. Lampirkan data dukung.
📎 Lampiran: -

Simpan dan kirim kepada Tim SAKIP?','2026-12-06 00:38:48.469479');
INSERT INTO "messagelog" VALUES(24,710002,'sendmessage',8,'✅ Notulen Rapat tersimpan dan dikirim kepada Tim SAKIP. Terima kasih.','2026-12-06 00:38:48.630830');
INSERT INTO "messagelog" VALUES(25,710003,'editmessagereplymarkup',1,'[Notulen-Rapat-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 3: Penyiapan dan distribusi format

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.
⏱️ Mutu baku: 1 jam. Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.644873');
INSERT INTO "messagelog" VALUES(26,710003,'senddocument',1,'[Notulen-Rapat-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 3: Penyiapan dan distribusi format

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.
⏱️ Mutu baku: 1 jam. Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.635918');
INSERT INTO "messagelog" VALUES(27,710003,'sendmessage',2,'Langkah 3: Penyiapan dan distribusi format
Triwulan IV Tahun 2026

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.

📂 Kelengkapan:
• Notulen Rapat

Format yang akan dibuat:
• Sekretariat: 3 indikator, 3 sub kegiatan
• Bina Marga: 4 indikator, 3 sub kegiatan
• Cipta Karya: 3 indikator, 3 sub kegiatan
• Tata Ruang: 3 indikator, 3 sub kegiatan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.','2026-12-06 00:38:48.660137');
INSERT INTO "messagelog" VALUES(28,710004,'senddocument',1,'[Notulen-Rapat-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 3: Penyiapan dan distribusi format

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.
⏱️ Mutu baku: 1 jam. Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.676205');
INSERT INTO "messagelog" VALUES(29,710002,'senddocument',9,'[Format-Realisasi-TW4-2026-Sekretariat.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Sekretariat

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.895851');
INSERT INTO "messagelog" VALUES(30,710003,'editmessagereplymarkup',2,'Langkah 3: Penyiapan dan distribusi format
Triwulan IV Tahun 2026

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.

📂 Kelengkapan:
• Notulen Rapat

Format yang akan dibuat:
• Sekretariat: 3 indikator, 3 sub kegiatan
• Bina Marga: 4 indikator, 3 sub kegiatan
• Cipta Karya: 3 indikator, 3 sub kegiatan
• Tata Ruang: 3 indikator, 3 sub kegiatan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.','2026-12-06 00:38:48.903347');
INSERT INTO "messagelog" VALUES(31,710003,'sendmessage',3,'✅ Format telah didistribusikan kepada Sekretaris dan setiap Bidang.','2026-12-06 00:38:48.909360');
INSERT INTO "messagelog" VALUES(32,710002,'editmessagereplymarkup',9,'[Format-Realisasi-TW4-2026-Sekretariat.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Sekretariat

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.918469');
INSERT INTO "messagelog" VALUES(33,710005,'senddocument',1,'[Format-Realisasi-TW4-2026-Bina Marga.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Bina Marga

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.905471');
INSERT INTO "messagelog" VALUES(34,710006,'senddocument',1,'[Format-Realisasi-TW4-2026-Cipta Karya.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Cipta Karya

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.933037');
INSERT INTO "messagelog" VALUES(35,710002,'sendmessage',10,'Langkah 4: Pengisian realisasi — Sekretariat
Triwulan IV Tahun 2026

Saya akan menanyakan realisasi setiap indikator, kendala bila di bawah target, data dukung, lalu realisasi keuangan setiap sub kegiatan. Setiap jawaban langsung tersimpan; Anda dapat berhenti dan melanjutkan kapan saja lewat /tugas.
⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:48.937979');
INSERT INTO "messagelog" VALUES(36,710002,'sendmessage',11,'🗂️ Isian Sekretariat — Triwulan IV Tahun 2026
0 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:48.942602');
INSERT INTO "messagelog" VALUES(37,710007,'senddocument',1,'[Format-Realisasi-TW4-2026-Tata Ruang.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Tata Ruang

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:48.953656');
INSERT INTO "messagelog" VALUES(38,710002,'editmessagereplymarkup',11,'🗂️ Isian Sekretariat — Triwulan IV Tahun 2026
0 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:48.955820');
INSERT INTO "messagelog" VALUES(39,710002,'sendmessage',12,'📈 Indikator 1/3: Nilai hasil evaluasi SAKIP Dinas
Satuan: nilai
🎯 Target Triwulan IV Tahun 2026: -
🎯 Target tahunan: 75,00
Kirim angka realisasi: nilai pada akhir Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:48.965728');
INSERT INTO "messagelog" VALUES(40,710002,'sendmessage',14,'💾 Tersimpan: 10,00 nilai.','2026-12-06 00:38:48.979874');
INSERT INTO "messagelog" VALUES(41,710002,'sendmessage',15,'📎 Kirim data dukung untuk “Nilai hasil evaluasi SAKIP Dinas”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:48.987187');
INSERT INTO "messagelog" VALUES(42,710002,'sendmessage',17,'💾 Data dukung tersimpan: Data-Dukung-Sekretariat-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.001481');
INSERT INTO "messagelog" VALUES(43,710002,'editmessagereplymarkup',17,'💾 Data dukung tersimpan: Data-Dukung-Sekretariat-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.007889');
INSERT INTO "messagelog" VALUES(44,710002,'sendmessage',18,'📈 Indikator 2/3: Persentase realisasi anggaran Dinas
Satuan: %
🎯 Target Triwulan IV Tahun 2026: 95,00
🎯 Target tahunan: 95,00
Kirim angka realisasi: nilai pada akhir Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:49.016685');
INSERT INTO "messagelog" VALUES(45,710002,'sendmessage',20,'💾 Tersimpan: 95,00 %. Capaian: 100,00%.','2026-12-06 00:38:49.035554');
INSERT INTO "messagelog" VALUES(46,710002,'sendmessage',21,'📎 Kirim data dukung untuk “Persentase realisasi anggaran Dinas”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.044530');
INSERT INTO "messagelog" VALUES(47,710002,'sendmessage',23,'💾 Data dukung tersimpan: Data-Dukung-Sekretariat-3.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.060092');
INSERT INTO "messagelog" VALUES(48,710002,'editmessagereplymarkup',23,'💾 Data dukung tersimpan: Data-Dukung-Sekretariat-3.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.066888');
INSERT INTO "messagelog" VALUES(49,710002,'sendmessage',24,'📈 Indikator 3/3: Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu
Satuan: %
🎯 Target Triwulan IV Tahun 2026: 100,00
🎯 Target tahunan: 100,00
Kirim angka realisasi Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:49.075893');
INSERT INTO "messagelog" VALUES(50,710002,'sendmessage',26,'💾 Tersimpan: 90,00 %. Capaian: 90,00%.','2026-12-06 00:38:49.088121');
INSERT INTO "messagelog" VALUES(51,710002,'sendmessage',27,'Realisasi masih di bawah target. Apa kendala / hambatannya?','2026-12-06 00:38:49.097635');
INSERT INTO "messagelog" VALUES(52,710002,'sendmessage',29,'Apa tindak lanjut / upaya yang akan dilakukan?','2026-12-06 00:38:49.116742');
INSERT INTO "messagelog" VALUES(53,710002,'sendmessage',31,'📎 Kirim data dukung untuk “Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.134187');
INSERT INTO "messagelog" VALUES(54,710002,'sendmessage',33,'💾 Data dukung tersimpan: Data-Dukung-Sekretariat-7.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.151152');
INSERT INTO "messagelog" VALUES(55,710002,'editmessagereplymarkup',33,'💾 Data dukung tersimpan: Data-Dukung-Sekretariat-7.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.158057');
INSERT INTO "messagelog" VALUES(56,710002,'sendmessage',34,'💰 Keuangan 1/3: Penyusunan Dokumen Perencanaan Perangkat Daerah
Pagu: Rp 425.000.000
Target keuangan triwulan ini: Rp 408.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:49.171432');
INSERT INTO "messagelog" VALUES(57,710002,'sendmessage',36,'💾 Tersimpan: Rp 255.000.000. Serapan: 60,00%.','2026-12-06 00:38:49.187417');
INSERT INTO "messagelog" VALUES(58,710002,'sendmessage',37,'💰 Keuangan 2/3: Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD
Pagu: Rp 310.000.000
Target keuangan triwulan ini: Rp 297.600.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:49.196987');
INSERT INTO "messagelog" VALUES(59,710002,'sendmessage',39,'💾 Tersimpan: Rp 186.000.000. Serapan: 60,00%.','2026-12-06 00:38:49.209760');
INSERT INTO "messagelog" VALUES(60,710002,'sendmessage',40,'💰 Keuangan 3/3: Penyediaan Gaji dan Tunjangan ASN
Pagu: Rp 18.750.000.000
Target keuangan triwulan ini: Rp 18.375.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:49.219932');
INSERT INTO "messagelog" VALUES(61,710002,'sendmessage',42,'💾 Tersimpan: Rp 11.250.000.000. Serapan: 60,00%.','2026-12-06 00:38:49.233505');
INSERT INTO "messagelog" VALUES(62,710002,'sendmessage',43,'✅ Semua isian lengkap. Periksa ringkasan, lalu tekan 📤 Serahkan.','2026-12-06 00:38:49.241796');
INSERT INTO "messagelog" VALUES(63,710002,'sendmessage',44,'🗂️ Isian Sekretariat — Triwulan IV Tahun 2026
6 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.245343');
INSERT INTO "messagelog" VALUES(64,710002,'editmessagereplymarkup',44,'🗂️ Isian Sekretariat — Triwulan IV Tahun 2026
6 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.258792');
INSERT INTO "messagelog" VALUES(65,710002,'sendmessage',45,'📋 Ringkasan isian Sekretariat — Triwulan IV Tahun 2026

Kinerja:
• IK4.1 Nilai hasil evaluasi SAKIP Dinas: 10,00 / - nilai · 📎1
• IK4.2 Persentase realisasi anggaran Dinas: 95,00 / 95,00 % → 100,00% · 📎1
• IK4.3 Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu: 90,00 / 100,00 % → 90,00% · 📎1

Keuangan:
• 1.03.01.2.01.0001 Penyusunan Dokumen Perencanaan Perangkat Daerah: Rp 255.000.000 dari Rp 425.000.000 (60,00%)
• 1.03.01.2.01.0006 Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD: Rp 186.000.000 dari Rp 310.000.000 (60,00%)
• 1.03.01.2.02.0001 Penyediaan Gaji dan Tunjangan ASN: Rp 11.250.000.000 dari Rp 18.750.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:49.273285');
INSERT INTO "messagelog" VALUES(66,710002,'editmessagereplymarkup',45,'📋 Ringkasan isian Sekretariat — Triwulan IV Tahun 2026

Kinerja:
• IK4.1 Nilai hasil evaluasi SAKIP Dinas: 10,00 / - nilai · 📎1
• IK4.2 Persentase realisasi anggaran Dinas: 95,00 / 95,00 % → 100,00% · 📎1
• IK4.3 Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu: 90,00 / 100,00 % → 90,00% · 📎1

Keuangan:
• 1.03.01.2.01.0001 Penyusunan Dokumen Perencanaan Perangkat Daerah: Rp 255.000.000 dari Rp 425.000.000 (60,00%)
• 1.03.01.2.01.0006 Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD: Rp 186.000.000 dari Rp 310.000.000 (60,00%)
• 1.03.01.2.02.0001 Penyediaan Gaji dan Tunjangan ASN: Rp 11.250.000.000 dari Rp 18.750.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:49.287536');
INSERT INTO "messagelog" VALUES(67,710002,'sendmessage',46,'✅ Isian Sekretariat telah diserahkan kepada Tim SAKIP. Terima kasih.','2026-12-06 00:38:49.320584');
INSERT INTO "messagelog" VALUES(68,710003,'sendmessage',4,'📥 Sekretariat telah menyerahkan realisasi Triwulan IV Tahun 2026 (1 dari 4 bagian).','2026-12-06 00:38:49.326959');
INSERT INTO "messagelog" VALUES(69,710005,'editmessagereplymarkup',1,'[Format-Realisasi-TW4-2026-Bina Marga.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Bina Marga

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:49.332628');
INSERT INTO "messagelog" VALUES(70,710004,'sendmessage',2,'📥 Sekretariat telah menyerahkan realisasi Triwulan IV Tahun 2026 (1 dari 4 bagian).','2026-12-06 00:38:49.336509');
INSERT INTO "messagelog" VALUES(71,710005,'sendmessage',2,'Langkah 4: Pengisian realisasi — Bina Marga
Triwulan IV Tahun 2026

Saya akan menanyakan realisasi setiap indikator, kendala bila di bawah target, data dukung, lalu realisasi keuangan setiap sub kegiatan. Setiap jawaban langsung tersimpan; Anda dapat berhenti dan melanjutkan kapan saja lewat /tugas.
⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:49.347308');
INSERT INTO "messagelog" VALUES(72,710005,'sendmessage',3,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
0 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.350475');
INSERT INTO "messagelog" VALUES(73,710005,'editmessagereplymarkup',3,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
0 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.359201');
INSERT INTO "messagelog" VALUES(74,710005,'sendmessage',4,'📈 Indikator 1/4: Persentase panjang jalan provinsi dalam kondisi mantap
Satuan: %
🎯 Target Triwulan IV Tahun 2026: 82,50
🎯 Target tahunan: 82,50
Kirim angka realisasi: nilai pada akhir Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:49.368523');
INSERT INTO "messagelog" VALUES(75,710005,'sendmessage',6,'💾 Tersimpan: 82,50 %. Capaian: 100,00%.','2026-12-06 00:38:49.387761');
INSERT INTO "messagelog" VALUES(76,710005,'sendmessage',7,'📎 Kirim data dukung untuk “Persentase panjang jalan provinsi dalam kondisi mantap”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.394802');
INSERT INTO "messagelog" VALUES(77,710005,'sendmessage',9,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.408991');
INSERT INTO "messagelog" VALUES(78,710005,'editmessagereplymarkup',9,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.418520');
INSERT INTO "messagelog" VALUES(79,710005,'sendmessage',10,'📈 Indikator 2/4: Panjang jalan provinsi yang ditingkatkan/direkonstruksi
Satuan: km
🎯 Target Triwulan IV Tahun 2026: 17,40 (s.d. Triwulan IV Tahun 2026: 48,60)
🎯 Target tahunan: 48,60
Kirim angka realisasi Triwulan IV Tahun 2026 saja, bukan jumlah sejak awal tahun (contoh: 87,5).','2026-12-06 00:38:49.429488');
INSERT INTO "messagelog" VALUES(80,710005,'sendmessage',12,'💾 Tersimpan: 17,40 km. Capaian: 100,00%.','2026-12-06 00:38:49.441932');
INSERT INTO "messagelog" VALUES(81,710005,'sendmessage',13,'📎 Kirim data dukung untuk “Panjang jalan provinsi yang ditingkatkan/direkonstruksi”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.452050');
INSERT INTO "messagelog" VALUES(82,710005,'sendmessage',15,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-3.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.471066');
INSERT INTO "messagelog" VALUES(83,710005,'editmessagereplymarkup',15,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-3.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.478031');
INSERT INTO "messagelog" VALUES(84,710005,'sendmessage',16,'📈 Indikator 3/4: Jumlah jembatan yang dibangun atau diganti
Satuan: unit
🎯 Target Triwulan IV Tahun 2026: 3 (s.d. Triwulan IV Tahun 2026: 6)
🎯 Target tahunan: 6
Kirim angka realisasi Triwulan IV Tahun 2026 saja, bukan jumlah sejak awal tahun (contoh: 12).','2026-12-06 00:38:49.491931');
INSERT INTO "messagelog" VALUES(85,710005,'sendmessage',18,'💾 Tersimpan: 3 unit. Capaian: 100,00%.','2026-12-06 00:38:49.503982');
INSERT INTO "messagelog" VALUES(86,710005,'sendmessage',19,'📎 Kirim data dukung untuk “Jumlah jembatan yang dibangun atau diganti”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.511401');
INSERT INTO "messagelog" VALUES(87,710005,'sendmessage',21,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-5.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.525142');
INSERT INTO "messagelog" VALUES(88,710005,'editmessagereplymarkup',21,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-5.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.531299');
INSERT INTO "messagelog" VALUES(89,710005,'sendmessage',22,'📈 Indikator 4/4: Persentase panjang jalan provinsi dalam kondisi rusak berat
Satuan: %
🎯 Target Triwulan IV Tahun 2026: 7,80
🎯 Target tahunan: 7,80
Kirim angka realisasi: nilai pada akhir Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:49.540220');
INSERT INTO "messagelog" VALUES(90,710005,'sendmessage',24,'💾 Tersimpan: 7,80 %. Capaian: 100,00%.','2026-12-06 00:38:49.552850');
INSERT INTO "messagelog" VALUES(91,710005,'sendmessage',25,'📎 Kirim data dukung untuk “Persentase panjang jalan provinsi dalam kondisi rusak berat”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.561095');
INSERT INTO "messagelog" VALUES(92,710005,'sendmessage',27,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-7.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.575685');
INSERT INTO "messagelog" VALUES(93,710005,'editmessagereplymarkup',27,'💾 Data dukung tersimpan: Data-Dukung-Bina-Marga-7.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.582682');
INSERT INTO "messagelog" VALUES(94,710005,'sendmessage',28,'💰 Keuangan 1/3: Rekonstruksi Jalan
Pagu: Rp 62.400.000.000
Target keuangan triwulan ini: Rp 60.528.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:49.592985');
INSERT INTO "messagelog" VALUES(95,710005,'sendmessage',30,'💾 Tersimpan: Rp 37.440.000.000. Serapan: 60,00%.','2026-12-06 00:38:49.606678');
INSERT INTO "messagelog" VALUES(96,710005,'sendmessage',31,'💰 Keuangan 2/3: Pemeliharaan Rutin Jalan
Pagu: Rp 38.250.000.000
Target keuangan triwulan ini: Rp 37.485.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:49.616109');
INSERT INTO "messagelog" VALUES(97,710005,'sendmessage',33,'💾 Tersimpan: Rp 22.950.000.000. Serapan: 60,00%.','2026-12-06 00:38:49.629438');
INSERT INTO "messagelog" VALUES(98,710005,'sendmessage',34,'💰 Keuangan 3/3: Pembangunan Jembatan
Pagu: Rp 27.800.000.000
Target keuangan triwulan ini: Rp 26.966.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:49.641237');
INSERT INTO "messagelog" VALUES(99,710005,'sendmessage',36,'💾 Tersimpan: Rp 16.680.000.000. Serapan: 60,00%.','2026-12-06 00:38:49.656305');
INSERT INTO "messagelog" VALUES(100,710005,'sendmessage',37,'✅ Semua isian lengkap. Periksa ringkasan, lalu tekan 📤 Serahkan.','2026-12-06 00:38:49.665802');
INSERT INTO "messagelog" VALUES(101,710005,'sendmessage',38,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
7 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.669555');
INSERT INTO "messagelog" VALUES(102,710005,'editmessagereplymarkup',38,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
7 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.678930');
INSERT INTO "messagelog" VALUES(103,710005,'sendmessage',39,'📋 Ringkasan isian Bina Marga — Triwulan IV Tahun 2026

Kinerja:
• IK1.1 Persentase panjang jalan provinsi dalam kondisi mantap: 82,50 / 82,50 % → 100,00% · 📎1
• IK1.2 Panjang jalan provinsi yang ditingkatkan/direkonstruksi: 17,40 / 17,40 km → 100,00% · 📎1
• IK1.3 Jumlah jembatan yang dibangun atau diganti: 3 / 3 unit → 100,00% · 📎1
• IK1.4 Persentase panjang jalan provinsi dalam kondisi rusak berat: 7,80 / 7,80 % → 100,00% · 📎1

Keuangan:
• 1.03.10.2.01.0017 Rekonstruksi Jalan: Rp 37.440.000.000 dari Rp 62.400.000.000 (60,00%)
• 1.03.10.2.01.0024 Pemeliharaan Rutin Jalan: Rp 22.950.000.000 dari Rp 38.250.000.000 (60,00%)
• 1.03.10.2.01.0033 Pembangunan Jembatan: Rp 16.680.000.000 dari Rp 27.800.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:49.688120');
INSERT INTO "messagelog" VALUES(104,710005,'editmessagereplymarkup',39,'📋 Ringkasan isian Bina Marga — Triwulan IV Tahun 2026

Kinerja:
• IK1.1 Persentase panjang jalan provinsi dalam kondisi mantap: 82,50 / 82,50 % → 100,00% · 📎1
• IK1.2 Panjang jalan provinsi yang ditingkatkan/direkonstruksi: 17,40 / 17,40 km → 100,00% · 📎1
• IK1.3 Jumlah jembatan yang dibangun atau diganti: 3 / 3 unit → 100,00% · 📎1
• IK1.4 Persentase panjang jalan provinsi dalam kondisi rusak berat: 7,80 / 7,80 % → 100,00% · 📎1

Keuangan:
• 1.03.10.2.01.0017 Rekonstruksi Jalan: Rp 37.440.000.000 dari Rp 62.400.000.000 (60,00%)
• 1.03.10.2.01.0024 Pemeliharaan Rutin Jalan: Rp 22.950.000.000 dari Rp 38.250.000.000 (60,00%)
• 1.03.10.2.01.0033 Pembangunan Jembatan: Rp 16.680.000.000 dari Rp 27.800.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:49.697017');
INSERT INTO "messagelog" VALUES(105,710003,'sendmessage',5,'📥 Bina Marga telah menyerahkan realisasi Triwulan IV Tahun 2026 (2 dari 4 bagian).','2026-12-06 00:38:49.727730');
INSERT INTO "messagelog" VALUES(106,710005,'sendmessage',40,'✅ Isian Bina Marga telah diserahkan kepada Tim SAKIP. Terima kasih.','2026-12-06 00:38:49.742399');
INSERT INTO "messagelog" VALUES(107,710004,'sendmessage',3,'📥 Bina Marga telah menyerahkan realisasi Triwulan IV Tahun 2026 (2 dari 4 bagian).','2026-12-06 00:38:49.748724');
INSERT INTO "messagelog" VALUES(108,710006,'editmessagereplymarkup',1,'[Format-Realisasi-TW4-2026-Cipta Karya.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Cipta Karya

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:49.759569');
INSERT INTO "messagelog" VALUES(109,710006,'sendmessage',2,'Langkah 4: Pengisian realisasi — Cipta Karya
Triwulan IV Tahun 2026

Saya akan menanyakan realisasi setiap indikator, kendala bila di bawah target, data dukung, lalu realisasi keuangan setiap sub kegiatan. Setiap jawaban langsung tersimpan; Anda dapat berhenti dan melanjutkan kapan saja lewat /tugas.
⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:49.772520');
INSERT INTO "messagelog" VALUES(110,710006,'sendmessage',3,'🗂️ Isian Cipta Karya — Triwulan IV Tahun 2026
0 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.779675');
INSERT INTO "messagelog" VALUES(111,710006,'sendmessage',5,'📥 Format terisi telah dibaca dan disimpan.','2026-12-06 00:38:49.808483');
INSERT INTO "messagelog" VALUES(112,710006,'sendmessage',6,'📋 Ringkasan isian Cipta Karya — Triwulan IV Tahun 2026

Kinerja:
• IK2.1 Persentase rumah tangga dengan akses air minum layak: 89,50 / 89,50 % → 100,00% · 📎0
• IK2.2 Persentase rumah tangga dengan akses sanitasi layak: 80,25 / 80,25 % → 100,00% · 📎0
• IK2.3 Luas kawasan permukiman kumuh kewenangan provinsi: 412,35 / 412,35 ha → 100,00% · 📎0

Keuangan:
• 1.03.03.2.01.0001 Pembangunan SPAM Jaringan Perpipaan: Rp 20.855.000.000 dari Rp 21.500.000.000 (97,00%)
• 1.03.05.2.01.0001 Pembangunan SPALD Terpusat: Rp 11.979.500.000 dari Rp 12.350.000.000 (97,00%)
• 1.04.02.2.02.0001 Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas 10 (sepuluh) Ha sampai dengan di bawah 15 (lima belas) Ha: Rp 9.578.750.000 dari Rp 9.875.000.000 (97,00%)

Belum lengkap:
• IK2.1: data dukung
• IK2.2: data dukung
• IK2.3: data dukung','2026-12-06 00:38:49.813217');
INSERT INTO "messagelog" VALUES(113,710006,'sendmessage',7,'🗂️ Isian Cipta Karya — Triwulan IV Tahun 2026
3 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.816019');
INSERT INTO "messagelog" VALUES(114,710006,'editmessagereplymarkup',3,'🗂️ Isian Cipta Karya — Triwulan IV Tahun 2026
0 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.825819');
INSERT INTO "messagelog" VALUES(115,710006,'sendmessage',8,'📎 Kirim data dukung untuk “Persentase rumah tangga dengan akses air minum layak”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.839255');
INSERT INTO "messagelog" VALUES(116,710006,'sendmessage',10,'💾 Data dukung tersimpan: Data-Dukung-Cipta-Karya-0.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.854729');
INSERT INTO "messagelog" VALUES(117,710006,'editmessagereplymarkup',10,'💾 Data dukung tersimpan: Data-Dukung-Cipta-Karya-0.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.860845');
INSERT INTO "messagelog" VALUES(118,710006,'sendmessage',11,'📎 Kirim data dukung untuk “Persentase rumah tangga dengan akses sanitasi layak”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.872144');
INSERT INTO "messagelog" VALUES(119,710006,'sendmessage',13,'💾 Data dukung tersimpan: Data-Dukung-Cipta-Karya-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.889100');
INSERT INTO "messagelog" VALUES(120,710006,'editmessagereplymarkup',13,'💾 Data dukung tersimpan: Data-Dukung-Cipta-Karya-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.897601');
INSERT INTO "messagelog" VALUES(121,710006,'sendmessage',14,'📎 Kirim data dukung untuk “Luas kawasan permukiman kumuh kewenangan provinsi”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:49.915177');
INSERT INTO "messagelog" VALUES(122,710006,'sendmessage',16,'💾 Data dukung tersimpan: Data-Dukung-Cipta-Karya-2.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.931536');
INSERT INTO "messagelog" VALUES(123,710006,'editmessagereplymarkup',16,'💾 Data dukung tersimpan: Data-Dukung-Cipta-Karya-2.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:49.939394');
INSERT INTO "messagelog" VALUES(124,710006,'sendmessage',17,'✅ Semua isian lengkap. Periksa ringkasan, lalu tekan 📤 Serahkan.','2026-12-06 00:38:49.951715');
INSERT INTO "messagelog" VALUES(125,710006,'sendmessage',18,'🗂️ Isian Cipta Karya — Triwulan IV Tahun 2026
6 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.956516');
INSERT INTO "messagelog" VALUES(126,710006,'editmessagereplymarkup',18,'🗂️ Isian Cipta Karya — Triwulan IV Tahun 2026
6 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:49.971459');
INSERT INTO "messagelog" VALUES(127,710006,'sendmessage',19,'📋 Ringkasan isian Cipta Karya — Triwulan IV Tahun 2026

Kinerja:
• IK2.1 Persentase rumah tangga dengan akses air minum layak: 89,50 / 89,50 % → 100,00% · 📎1
• IK2.2 Persentase rumah tangga dengan akses sanitasi layak: 80,25 / 80,25 % → 100,00% · 📎1
• IK2.3 Luas kawasan permukiman kumuh kewenangan provinsi: 412,35 / 412,35 ha → 100,00% · 📎1

Keuangan:
• 1.03.03.2.01.0001 Pembangunan SPAM Jaringan Perpipaan: Rp 20.855.000.000 dari Rp 21.500.000.000 (97,00%)
• 1.03.05.2.01.0001 Pembangunan SPALD Terpusat: Rp 11.979.500.000 dari Rp 12.350.000.000 (97,00%)
• 1.04.02.2.02.0001 Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas 10 (sepuluh) Ha sampai dengan di bawah 15 (lima belas) Ha: Rp 9.578.750.000 dari Rp 9.875.000.000 (97,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:49.982399');
INSERT INTO "messagelog" VALUES(128,710006,'editmessagereplymarkup',19,'📋 Ringkasan isian Cipta Karya — Triwulan IV Tahun 2026

Kinerja:
• IK2.1 Persentase rumah tangga dengan akses air minum layak: 89,50 / 89,50 % → 100,00% · 📎1
• IK2.2 Persentase rumah tangga dengan akses sanitasi layak: 80,25 / 80,25 % → 100,00% · 📎1
• IK2.3 Luas kawasan permukiman kumuh kewenangan provinsi: 412,35 / 412,35 ha → 100,00% · 📎1

Keuangan:
• 1.03.03.2.01.0001 Pembangunan SPAM Jaringan Perpipaan: Rp 20.855.000.000 dari Rp 21.500.000.000 (97,00%)
• 1.03.05.2.01.0001 Pembangunan SPALD Terpusat: Rp 11.979.500.000 dari Rp 12.350.000.000 (97,00%)
• 1.04.02.2.02.0001 Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas 10 (sepuluh) Ha sampai dengan di bawah 15 (lima belas) Ha: Rp 9.578.750.000 dari Rp 9.875.000.000 (97,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:49.990353');
INSERT INTO "messagelog" VALUES(129,710006,'sendmessage',20,'✅ Isian Cipta Karya telah diserahkan kepada Tim SAKIP. Terima kasih.','2026-12-06 00:38:50.024010');
INSERT INTO "messagelog" VALUES(130,710003,'sendmessage',6,'📥 Cipta Karya telah menyerahkan realisasi Triwulan IV Tahun 2026 (3 dari 4 bagian).','2026-12-06 00:38:50.030404');
INSERT INTO "messagelog" VALUES(131,710007,'editmessagereplymarkup',1,'[Format-Realisasi-TW4-2026-Tata Ruang.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Tata Ruang

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:50.045276');
INSERT INTO "messagelog" VALUES(132,710004,'sendmessage',4,'📥 Cipta Karya telah menyerahkan realisasi Triwulan IV Tahun 2026 (3 dari 4 bagian).','2026-12-06 00:38:50.043518');
INSERT INTO "messagelog" VALUES(133,710007,'sendmessage',2,'Langkah 4: Pengisian realisasi — Tata Ruang
Triwulan IV Tahun 2026

Saya akan menanyakan realisasi setiap indikator, kendala bila di bawah target, data dukung, lalu realisasi keuangan setiap sub kegiatan. Setiap jawaban langsung tersimpan; Anda dapat berhenti dan melanjutkan kapan saja lewat /tugas.
⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:50.059172');
INSERT INTO "messagelog" VALUES(134,710007,'sendmessage',3,'🗂️ Isian Tata Ruang — Triwulan IV Tahun 2026
0 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:50.062702');
INSERT INTO "messagelog" VALUES(135,710007,'editmessagereplymarkup',3,'🗂️ Isian Tata Ruang — Triwulan IV Tahun 2026
0 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:50.070925');
INSERT INTO "messagelog" VALUES(136,710007,'sendmessage',4,'📈 Indikator 1/3: Jumlah dokumen rencana tata ruang yang disusun
Satuan: dokumen
🎯 Target Triwulan IV Tahun 2026: 2 (s.d. Triwulan IV Tahun 2026: 3)
🎯 Target tahunan: 3
Kirim angka realisasi Triwulan IV Tahun 2026 saja, bukan jumlah sejak awal tahun (contoh: 12).','2026-12-06 00:38:50.079999');
INSERT INTO "messagelog" VALUES(137,710007,'sendmessage',6,'💾 Tersimpan: 2 dokumen. Capaian: 100,00%.','2026-12-06 00:38:50.094536');
INSERT INTO "messagelog" VALUES(138,710007,'sendmessage',7,'📎 Kirim data dukung untuk “Jumlah dokumen rencana tata ruang yang disusun”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:50.103236');
INSERT INTO "messagelog" VALUES(139,710007,'sendmessage',9,'💾 Data dukung tersimpan: Data-Dukung-Tata-Ruang-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:50.116206');
INSERT INTO "messagelog" VALUES(140,710007,'editmessagereplymarkup',9,'💾 Data dukung tersimpan: Data-Dukung-Tata-Ruang-1.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:50.123214');
INSERT INTO "messagelog" VALUES(141,710007,'sendmessage',10,'📈 Indikator 2/3: Indeks kesesuaian pemanfaatan ruang
Satuan: indeks
🎯 Target Triwulan IV Tahun 2026: 92,50
🎯 Target tahunan: 92,50
Kirim angka realisasi: nilai pada akhir Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:50.134553');
INSERT INTO "messagelog" VALUES(142,710007,'sendmessage',12,'💾 Tersimpan: 92,50 indeks. Capaian: 100,00%.','2026-12-06 00:38:50.149597');
INSERT INTO "messagelog" VALUES(143,710007,'sendmessage',13,'📎 Kirim data dukung untuk “Indeks kesesuaian pemanfaatan ruang”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:50.158223');
INSERT INTO "messagelog" VALUES(144,710007,'sendmessage',15,'💾 Data dukung tersimpan: Data-Dukung-Tata-Ruang-3.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:50.178078');
INSERT INTO "messagelog" VALUES(145,710007,'editmessagereplymarkup',15,'💾 Data dukung tersimpan: Data-Dukung-Tata-Ruang-3.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:50.185670');
INSERT INTO "messagelog" VALUES(146,710007,'sendmessage',16,'📈 Indikator 3/3: Persentase rekomendasi KKPR yang diterbitkan tepat waktu
Satuan: %
🎯 Target Triwulan IV Tahun 2026: 92,50 (s.d. Triwulan IV Tahun 2026: 90,00)
🎯 Target tahunan: 90,00
Kirim angka realisasi Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:50.196522');
INSERT INTO "messagelog" VALUES(147,710007,'sendmessage',18,'💾 Tersimpan: 83,25 %. Capaian: 90,00%.','2026-12-06 00:38:50.209163');
INSERT INTO "messagelog" VALUES(148,710007,'sendmessage',19,'Realisasi masih di bawah target. Apa kendala / hambatannya?','2026-12-06 00:38:50.219026');
INSERT INTO "messagelog" VALUES(149,710007,'sendmessage',21,'Apa tindak lanjut / upaya yang akan dilakukan?','2026-12-06 00:38:50.242292');
INSERT INTO "messagelog" VALUES(150,710007,'sendmessage',23,'📎 Kirim data dukung untuk “Persentase rekomendasi KKPR yang diterbitkan tepat waktu”: foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:50.263296');
INSERT INTO "messagelog" VALUES(151,710007,'sendmessage',25,'💾 Data dukung tersimpan: Data-Dukung-Tata-Ruang-7.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:50.287259');
INSERT INTO "messagelog" VALUES(152,710007,'editmessagereplymarkup',25,'💾 Data dukung tersimpan: Data-Dukung-Tata-Ruang-7.pdf. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:50.298572');
INSERT INTO "messagelog" VALUES(153,710007,'sendmessage',26,'💰 Keuangan 1/3: Penyusunan Rencana Tata Ruang Wilayah Provinsi
Pagu: Rp 2.150.000.000
Target keuangan triwulan ini: Rp 2.064.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:50.310846');
INSERT INTO "messagelog" VALUES(154,710007,'sendmessage',28,'💾 Tersimpan: Rp 1.290.000.000. Serapan: 60,00%.','2026-12-06 00:38:50.323962');
INSERT INTO "messagelog" VALUES(155,710007,'sendmessage',29,'💰 Keuangan 2/3: Penyusunan Rencana Detail Tata Ruang Kawasan Strategis Provinsi
Pagu: Rp 1.200.000.000
Target keuangan triwulan ini: Rp 1.152.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:50.335231');
INSERT INTO "messagelog" VALUES(156,710007,'sendmessage',31,'💾 Tersimpan: Rp 720.000.000. Serapan: 60,00%.','2026-12-06 00:38:50.355555');
INSERT INTO "messagelog" VALUES(157,710007,'sendmessage',32,'💰 Keuangan 3/3: Pelaksanaan Kesesuaian Kegiatan Pemanfaatan Ruang
Pagu: Rp 850.000.000
Target keuangan triwulan ini: Rp 816.000.000
Kirim realisasi keuangan s.d. triwulan ini (contoh: Rp 1.250.000 atau 1,25 M).','2026-12-06 00:38:50.365204');
INSERT INTO "messagelog" VALUES(158,710007,'sendmessage',34,'💾 Tersimpan: Rp 510.000.000. Serapan: 60,00%.','2026-12-06 00:38:50.377523');
INSERT INTO "messagelog" VALUES(159,710007,'sendmessage',35,'✅ Semua isian lengkap. Periksa ringkasan, lalu tekan 📤 Serahkan.','2026-12-06 00:38:50.385024');
INSERT INTO "messagelog" VALUES(160,710007,'sendmessage',36,'🗂️ Isian Tata Ruang — Triwulan IV Tahun 2026
6 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:50.388195');
INSERT INTO "messagelog" VALUES(161,710007,'editmessagereplymarkup',36,'🗂️ Isian Tata Ruang — Triwulan IV Tahun 2026
6 dari 6 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:50.397363');
INSERT INTO "messagelog" VALUES(162,710007,'sendmessage',37,'📋 Ringkasan isian Tata Ruang — Triwulan IV Tahun 2026

Kinerja:
• IK3.1 Jumlah dokumen rencana tata ruang yang disusun: 2 / 2 dokumen → 100,00% · 📎1
• IK3.2 Indeks kesesuaian pemanfaatan ruang: 92,50 / 92,50 indeks → 100,00% · 📎1
• IK3.3 Persentase rekomendasi KKPR yang diterbitkan tepat waktu: 83,25 / 92,50 % → 90,00% · 📎1

Keuangan:
• 1.03.11.2.01.0001 Penyusunan Rencana Tata Ruang Wilayah Provinsi: Rp 1.290.000.000 dari Rp 2.150.000.000 (60,00%)
• 1.03.11.2.01.0002 Penyusunan Rencana Detail Tata Ruang Kawasan Strategis Provinsi: Rp 720.000.000 dari Rp 1.200.000.000 (60,00%)
• 1.03.11.2.03.0001 Pelaksanaan Kesesuaian Kegiatan Pemanfaatan Ruang: Rp 510.000.000 dari Rp 850.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:50.405286');
INSERT INTO "messagelog" VALUES(163,710007,'editmessagereplymarkup',37,'📋 Ringkasan isian Tata Ruang — Triwulan IV Tahun 2026

Kinerja:
• IK3.1 Jumlah dokumen rencana tata ruang yang disusun: 2 / 2 dokumen → 100,00% · 📎1
• IK3.2 Indeks kesesuaian pemanfaatan ruang: 92,50 / 92,50 indeks → 100,00% · 📎1
• IK3.3 Persentase rekomendasi KKPR yang diterbitkan tepat waktu: 83,25 / 92,50 % → 90,00% · 📎1

Keuangan:
• 1.03.11.2.01.0001 Penyusunan Rencana Tata Ruang Wilayah Provinsi: Rp 1.290.000.000 dari Rp 2.150.000.000 (60,00%)
• 1.03.11.2.01.0002 Penyusunan Rencana Detail Tata Ruang Kawasan Strategis Provinsi: Rp 720.000.000 dari Rp 1.200.000.000 (60,00%)
• 1.03.11.2.03.0001 Pelaksanaan Kesesuaian Kegiatan Pemanfaatan Ruang: Rp 510.000.000 dari Rp 850.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:50.413013');
INSERT INTO "messagelog" VALUES(164,710003,'sendmessage',7,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:50.445130');
INSERT INTO "messagelog" VALUES(165,710007,'sendmessage',38,'✅ Isian Tata Ruang telah diserahkan kepada Tim SAKIP. Terima kasih.','2026-12-06 00:38:50.448453');
INSERT INTO "messagelog" VALUES(166,710004,'sendmessage',5,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:50.452691');
INSERT INTO "messagelog" VALUES(167,710003,'editmessagereplymarkup',7,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:50.467107');
INSERT INTO "messagelog" VALUES(168,710003,'sendmessage',8,'Langkah 5: Penyusunan laporan hasil pengukuran
Triwulan IV Tahun 2026

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.

📂 Kelengkapan:
• Draf Realisasi Rencana Aksi Akuntabilitas Kinerja
• Lampiran Data Dukung

✅ Sekretariat: sudah diserahkan, 3 data dukung
✅ Bina Marga: sudah diserahkan, 4 data dukung
✅ Cipta Karya: sudah diserahkan, 3 data dukung
✅ Tata Ruang: sudah diserahkan, 3 data dukung

⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:50.490431');
INSERT INTO "messagelog" VALUES(169,710003,'editmessagereplymarkup',8,'Langkah 5: Penyusunan laporan hasil pengukuran
Triwulan IV Tahun 2026

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.

📂 Kelengkapan:
• Draf Realisasi Rencana Aksi Akuntabilitas Kinerja
• Lampiran Data Dukung

✅ Sekretariat: sudah diserahkan, 3 data dukung
✅ Bina Marga: sudah diserahkan, 4 data dukung
✅ Cipta Karya: sudah diserahkan, 3 data dukung
✅ Tata Ruang: sudah diserahkan, 3 data dukung

⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:51.532470');
INSERT INTO "messagelog" VALUES(170,710002,'senddocument',47,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 6: Penyampaian laporan kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:51.536580');
INSERT INTO "messagelog" VALUES(171,710003,'sendmessage',9,'✅ Laporan telah disusun dan dikirim kepada Sekretaris.','2026-12-06 00:38:51.543426');
INSERT INTO "messagelog" VALUES(172,710002,'sendphoto',48,'Grafik capaian dan serapan','2026-12-06 00:38:51.556330');
INSERT INTO "messagelog" VALUES(173,710002,'editmessagereplymarkup',47,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 6: Penyampaian laporan kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:51.561147');
INSERT INTO "messagelog" VALUES(174,710002,'sendphoto',49,'Grafik capaian dan serapan','2026-12-06 00:38:51.569776');
INSERT INTO "messagelog" VALUES(175,710002,'sendmessage',50,'Langkah 6: Penyampaian laporan kepada Kepala Dinas
Triwulan IV Tahun 2026

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.

📂 Kelengkapan:
• Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.','2026-12-06 00:38:51.581341');
INSERT INTO "messagelog" VALUES(176,710002,'editmessagereplymarkup',50,'Langkah 6: Penyampaian laporan kepada Kepala Dinas
Triwulan IV Tahun 2026

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.

📂 Kelengkapan:
• Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.','2026-12-06 00:38:51.606911');
INSERT INTO "messagelog" VALUES(177,710001,'senddocument',10,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026.xlsx] 📑 Laporan Hasil Pengukuran Kinerja Triwulan IV Tahun 2026
Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.

Bagian yang diserahkan:
• Sekretariat: 3 data dukung
• Bina Marga: 4 data dukung
• Cipta Karya: 3 data dukung
• Tata Ruang: 3 data dukung

⏱️ Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.
Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi.','2026-12-06 00:38:51.612687');
INSERT INTO "messagelog" VALUES(178,710002,'sendmessage',51,'✅ Laporan telah diteruskan kepada Kepala Dinas untuk dianalisa.','2026-12-06 00:38:51.619094');
INSERT INTO "messagelog" VALUES(179,710001,'sendphoto',11,'Grafik capaian dan serapan','2026-12-06 00:38:51.632055');
INSERT INTO "messagelog" VALUES(180,710001,'editmessagereplymarkup',10,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026.xlsx] 📑 Laporan Hasil Pengukuran Kinerja Triwulan IV Tahun 2026
Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.

Bagian yang diserahkan:
• Sekretariat: 3 data dukung
• Bina Marga: 4 data dukung
• Cipta Karya: 3 data dukung
• Tata Ruang: 3 data dukung

⏱️ Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.
Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi.','2026-12-06 00:38:51.638124');
INSERT INTO "messagelog" VALUES(181,710001,'sendmessage',12,'Kembalikan kepada siapa? Pilih Bidang yang harus melengkapi (boleh lebih dari satu), atau Tim SAKIP untuk penyusunan ulang. Lalu tekan ✔️ Selesai.','2026-12-06 00:38:51.646477');
INSERT INTO "messagelog" VALUES(182,710001,'sendphoto',13,'Grafik capaian dan serapan','2026-12-06 00:38:51.657667');
INSERT INTO "messagelog" VALUES(183,710001,'editmessagereplymarkup',12,'Kembalikan kepada siapa? Pilih Bidang yang harus melengkapi (boleh lebih dari satu), atau Tim SAKIP untuk penyusunan ulang. Lalu tekan ✔️ Selesai.','2026-12-06 00:38:51.684077');
INSERT INTO "messagelog" VALUES(184,710001,'editmessagereplymarkup',12,'Kembalikan kepada siapa? Pilih Bidang yang harus melengkapi (boleh lebih dari satu), atau Tim SAKIP untuk penyusunan ulang. Lalu tekan ✔️ Selesai.','2026-12-06 00:38:51.693891');
INSERT INTO "messagelog" VALUES(185,710001,'sendmessage',14,'Tuliskan catatan: apa yang perlu dilengkapi?','2026-12-06 00:38:51.697763');
INSERT INTO "messagelog" VALUES(186,710001,'sendmessage',16,'↩️ Laporan dikembalikan kepada Bina Marga. Catatan Anda telah dikirim.','2026-12-06 00:38:51.752161');
INSERT INTO "messagelog" VALUES(187,710005,'senddocument',41,'[Format-Realisasi-TW4-2026-Bina Marga.xlsx] ↩️ Dikembalikan untuk dilengkapi
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Bina Marga

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

📝 Catatan: Foto progres jalan belum dilampirkan.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:51.760893');
INSERT INTO "messagelog" VALUES(188,710005,'editmessagereplymarkup',41,'[Format-Realisasi-TW4-2026-Bina Marga.xlsx] ↩️ Dikembalikan untuk dilengkapi
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Bina Marga

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

📝 Catatan: Foto progres jalan belum dilampirkan.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:51.778776');
INSERT INTO "messagelog" VALUES(189,710002,'sendmessage',52,'↩️ Laporan Triwulan IV Tahun 2026 dikembalikan oleh ERASUKMA MUNAF, ST, MM kepada Bina Marga.
📝 Catatan: Foto progres jalan belum dilampirkan.','2026-12-06 00:38:51.778315');
INSERT INTO "messagelog" VALUES(190,710003,'sendmessage',10,'↩️ Laporan Triwulan IV Tahun 2026 dikembalikan oleh ERASUKMA MUNAF, ST, MM kepada Bina Marga.
📝 Catatan: Foto progres jalan belum dilampirkan.','2026-12-06 00:38:51.792758');
INSERT INTO "messagelog" VALUES(191,710005,'sendmessage',42,'Langkah 4: Pengisian realisasi — Bina Marga
Triwulan IV Tahun 2026

Saya akan menanyakan realisasi setiap indikator, kendala bila di bawah target, data dukung, lalu realisasi keuangan setiap sub kegiatan. Setiap jawaban langsung tersimpan; Anda dapat berhenti dan melanjutkan kapan saja lewat /tugas.
⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

↩️ Catatan pengembalian: Foto progres jalan belum dilampirkan.','2026-12-06 00:38:51.808573');
INSERT INTO "messagelog" VALUES(192,710004,'sendmessage',6,'↩️ Laporan Triwulan IV Tahun 2026 dikembalikan oleh ERASUKMA MUNAF, ST, MM kepada Bina Marga.
📝 Catatan: Foto progres jalan belum dilampirkan.','2026-12-06 00:38:51.813379');
INSERT INTO "messagelog" VALUES(193,710005,'sendmessage',43,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
7 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:51.818334');
INSERT INTO "messagelog" VALUES(194,710005,'editmessagereplymarkup',43,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
7 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:51.834513');
INSERT INTO "messagelog" VALUES(195,710005,'sendmessage',44,'📈 Indikator 1/4: Persentase panjang jalan provinsi dalam kondisi mantap
Satuan: %
🎯 Target Triwulan IV Tahun 2026: 82,50
🎯 Target tahunan: 82,50
💾 Realisasi tersimpan: 82,50
Kirim angka realisasi: nilai pada akhir Triwulan IV Tahun 2026 (contoh: 87,5).','2026-12-06 00:38:51.850620');
INSERT INTO "messagelog" VALUES(196,710005,'sendmessage',46,'💾 Tersimpan: 82,50 %. Capaian: 100,00%.','2026-12-06 00:38:51.872829');
INSERT INTO "messagelog" VALUES(197,710005,'sendmessage',47,'📎 Kirim data dukung untuk “Persentase panjang jalan provinsi dalam kondisi mantap” (sudah ada 1): foto, PDF, Excel atau Word. Tekan ✔️ Selesai bila sudah.','2026-12-06 00:38:51.890331');
INSERT INTO "messagelog" VALUES(198,710005,'sendmessage',49,'💾 Data dukung tersimpan: foto-AQAD673c904341a3.jpg. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:51.921374');
INSERT INTO "messagelog" VALUES(199,710005,'editmessagereplymarkup',49,'💾 Data dukung tersimpan: foto-AQAD673c904341a3.jpg. Kirim berkas lain, atau tekan ✔️ Selesai.','2026-12-06 00:38:51.929327');
INSERT INTO "messagelog" VALUES(200,710005,'sendmessage',50,'✅ Semua isian lengkap. Periksa ringkasan, lalu tekan 📤 Serahkan.','2026-12-06 00:38:51.942525');
INSERT INTO "messagelog" VALUES(201,710005,'sendmessage',51,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
7 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:51.947770');
INSERT INTO "messagelog" VALUES(202,710005,'editmessagereplymarkup',51,'🗂️ Isian Bina Marga — Triwulan IV Tahun 2026
7 dari 7 isian lengkap. Pilih isian, atau tekan ▶️ Isi berikutnya.
Anda juga dapat mengirim kembali format Excel yang sudah diisi.','2026-12-06 00:38:51.966071');
INSERT INTO "messagelog" VALUES(203,710005,'sendmessage',52,'📋 Ringkasan isian Bina Marga — Triwulan IV Tahun 2026

Kinerja:
• IK1.1 Persentase panjang jalan provinsi dalam kondisi mantap: 82,50 / 82,50 % → 100,00% · 📎2
• IK1.2 Panjang jalan provinsi yang ditingkatkan/direkonstruksi: 17,40 / 17,40 km → 100,00% · 📎1
• IK1.3 Jumlah jembatan yang dibangun atau diganti: 3 / 3 unit → 100,00% · 📎1
• IK1.4 Persentase panjang jalan provinsi dalam kondisi rusak berat: 7,80 / 7,80 % → 100,00% · 📎1

Keuangan:
• 1.03.10.2.01.0017 Rekonstruksi Jalan: Rp 37.440.000.000 dari Rp 62.400.000.000 (60,00%)
• 1.03.10.2.01.0024 Pemeliharaan Rutin Jalan: Rp 22.950.000.000 dari Rp 38.250.000.000 (60,00%)
• 1.03.10.2.01.0033 Pembangunan Jembatan: Rp 16.680.000.000 dari Rp 27.800.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:51.983808');
INSERT INTO "messagelog" VALUES(204,710005,'editmessagereplymarkup',52,'📋 Ringkasan isian Bina Marga — Triwulan IV Tahun 2026

Kinerja:
• IK1.1 Persentase panjang jalan provinsi dalam kondisi mantap: 82,50 / 82,50 % → 100,00% · 📎2
• IK1.2 Panjang jalan provinsi yang ditingkatkan/direkonstruksi: 17,40 / 17,40 km → 100,00% · 📎1
• IK1.3 Jumlah jembatan yang dibangun atau diganti: 3 / 3 unit → 100,00% · 📎1
• IK1.4 Persentase panjang jalan provinsi dalam kondisi rusak berat: 7,80 / 7,80 % → 100,00% · 📎1

Keuangan:
• 1.03.10.2.01.0017 Rekonstruksi Jalan: Rp 37.440.000.000 dari Rp 62.400.000.000 (60,00%)
• 1.03.10.2.01.0024 Pemeliharaan Rutin Jalan: Rp 22.950.000.000 dari Rp 38.250.000.000 (60,00%)
• 1.03.10.2.01.0033 Pembangunan Jembatan: Rp 16.680.000.000 dari Rp 27.800.000.000 (60,00%)

Serahkan isian ini kepada Tim SAKIP? Setelah diserahkan, isian dikunci.','2026-12-06 00:38:51.997318');
INSERT INTO "messagelog" VALUES(205,710003,'sendmessage',11,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:52.050401');
INSERT INTO "messagelog" VALUES(206,710004,'sendmessage',7,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:52.055797');
INSERT INTO "messagelog" VALUES(207,710005,'sendmessage',53,'✅ Isian Bina Marga telah diserahkan kepada Tim SAKIP. Terima kasih.','2026-12-06 00:38:52.061103');
INSERT INTO "messagelog" VALUES(208,710003,'editmessagereplymarkup',11,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:52.068204');
INSERT INTO "messagelog" VALUES(209,710003,'sendmessage',12,'Langkah 5: Penyusunan laporan hasil pengukuran
Triwulan IV Tahun 2026

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.

📂 Kelengkapan:
• Draf Realisasi Rencana Aksi Akuntabilitas Kinerja
• Lampiran Data Dukung

✅ Sekretariat: sudah diserahkan, 3 data dukung
✅ Bina Marga: sudah diserahkan, 5 data dukung
✅ Cipta Karya: sudah diserahkan, 3 data dukung
✅ Tata Ruang: sudah diserahkan, 3 data dukung

⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:52.088971');
INSERT INTO "messagelog" VALUES(210,710003,'editmessagereplymarkup',12,'Langkah 5: Penyusunan laporan hasil pengukuran
Triwulan IV Tahun 2026

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.

📂 Kelengkapan:
• Draf Realisasi Rencana Aksi Akuntabilitas Kinerja
• Lampiran Data Dukung

✅ Sekretariat: sudah diserahkan, 3 data dukung
✅ Bina Marga: sudah diserahkan, 5 data dukung
✅ Cipta Karya: sudah diserahkan, 3 data dukung
✅ Tata Ruang: sudah diserahkan, 3 data dukung

⏱️ Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.','2026-12-06 00:38:53.054477');
INSERT INTO "messagelog" VALUES(211,710003,'sendmessage',13,'✅ Laporan telah disusun dan dikirim kepada Sekretaris.','2026-12-06 00:38:53.065123');
INSERT INTO "messagelog" VALUES(212,710002,'senddocument',53,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 6: Penyampaian laporan kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:53.061447');
INSERT INTO "messagelog" VALUES(213,710002,'editmessagereplymarkup',53,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 6: Penyampaian laporan kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:53.084089');
INSERT INTO "messagelog" VALUES(214,710002,'sendphoto',54,'Grafik capaian dan serapan','2026-12-06 00:38:53.089569');
INSERT INTO "messagelog" VALUES(215,710002,'sendphoto',55,'Grafik capaian dan serapan','2026-12-06 00:38:53.109109');
INSERT INTO "messagelog" VALUES(216,710002,'sendmessage',56,'Langkah 6: Penyampaian laporan kepada Kepala Dinas
Triwulan IV Tahun 2026

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.

📂 Kelengkapan:
• Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.','2026-12-06 00:38:53.117674');
INSERT INTO "messagelog" VALUES(217,710002,'editmessagereplymarkup',56,'Langkah 6: Penyampaian laporan kepada Kepala Dinas
Triwulan IV Tahun 2026

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.

📂 Kelengkapan:
• Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.','2026-12-06 00:38:53.144851');
INSERT INTO "messagelog" VALUES(218,710001,'senddocument',17,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx] 📑 Laporan Hasil Pengukuran Kinerja Triwulan IV Tahun 2026
Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.

Bagian yang diserahkan:
• Sekretariat: 3 data dukung
• Bina Marga: 5 data dukung
• Cipta Karya: 3 data dukung
• Tata Ruang: 3 data dukung

⏱️ Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.
Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi.','2026-12-06 00:38:53.154007');
INSERT INTO "messagelog" VALUES(219,710002,'sendmessage',57,'✅ Laporan telah diteruskan kepada Kepala Dinas untuk dianalisa.','2026-12-06 00:38:53.157877');
INSERT INTO "messagelog" VALUES(220,710001,'sendphoto',18,'Grafik capaian dan serapan','2026-12-06 00:38:53.168698');
INSERT INTO "messagelog" VALUES(221,710001,'sendphoto',19,'Grafik capaian dan serapan','2026-12-06 00:38:53.187898');
INSERT INTO "messagelog" VALUES(222,710001,'editmessagecaption',17,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx] 📑 Laporan Hasil Pengukuran Kinerja Triwulan IV Tahun 2026
Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.

Bagian yang diserahkan:
• Sekretariat: 3 data dukung
• Bina Marga: 5 data dukung
• Cipta Karya: 3 data dukung
• Tata Ruang: 3 data dukung

⏱️ Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.
Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi.

✅ Laporan disetujui dan akan digunakan sebagai bahan evaluasi kinerja internal.','2026-12-06 00:38:53.192199');
INSERT INTO "messagelog" VALUES(223,710002,'senddocument',58,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 8: Laporan hasil akhir kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:53.199936');
INSERT INTO "messagelog" VALUES(224,710003,'sendmessage',14,'✅ Laporan Triwulan IV Tahun 2026 disetujui oleh ERASUKMA MUNAF, ST, MM.','2026-12-06 00:38:53.207778');
INSERT INTO "messagelog" VALUES(225,710002,'editmessagereplymarkup',58,'[Laporan-Hasil-Pengukuran-Kinerja-TW4-2026-r2.xlsx] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 8: Laporan hasil akhir kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:53.211490');
INSERT INTO "messagelog" VALUES(226,710004,'sendmessage',8,'✅ Laporan Triwulan IV Tahun 2026 disetujui oleh ERASUKMA MUNAF, ST, MM.','2026-12-06 00:38:53.213867');
INSERT INTO "messagelog" VALUES(227,710002,'sendmessage',59,'Langkah 8: Laporan hasil akhir kepada Kepala Dinas
Triwulan IV Tahun 2026

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.

📂 Kelengkapan:
• Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.','2026-12-06 00:38:53.226079');
INSERT INTO "messagelog" VALUES(228,710002,'editmessagereplymarkup',59,'Langkah 8: Laporan hasil akhir kepada Kepala Dinas
Triwulan IV Tahun 2026

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.

📂 Kelengkapan:
• Laporan Hasil Pengukuran Kinerja dan Realisasi Keuangan

⏱️ Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.','2026-12-06 00:38:53.763599');
INSERT INTO "messagelog" VALUES(229,710008,'senddocument',1,'[Realisasi-Rencana-Aksi-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 9: Unggah ke ESR dan pengarsipan

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.
⏱️ Mutu baku: 2 menit. Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:53.767647');
INSERT INTO "messagelog" VALUES(230,710002,'sendmessage',60,'✅ Hasil akhir telah dilaporkan. Berkas dikirim ke Subbag Perencanaan untuk diunggah ke ESR.','2026-12-06 00:38:53.773193');
INSERT INTO "messagelog" VALUES(231,710001,'senddocument',20,'[Realisasi-Rencana-Aksi-TW4-2026.pdf] 📘 Hasil akhir pengukuran kinerja Triwulan IV Tahun 2026 dilaporkan oleh Dra. RINA MARLINA, M.Si. Berkas terlampir.','2026-12-06 00:38:53.793517');
INSERT INTO "messagelog" VALUES(232,710008,'editmessagereplymarkup',1,'[Realisasi-Rencana-Aksi-TW4-2026.pdf] 🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 9: Unggah ke ESR dan pengarsipan

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.
⏱️ Mutu baku: 2 menit. Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.

Tekan ▶️ Mulai bila Anda siap.','2026-12-06 00:38:53.796824');
INSERT INTO "messagelog" VALUES(233,710008,'sendmessage',2,'Langkah 9: Unggah ke ESR dan pengarsipan
Triwulan IV Tahun 2026

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.

📂 Kelengkapan:
• Realisasi Rencana Aksi Akuntabilitas Kinerja (final)

Daftar periksa unggah ESR:
1. Buka esr.menpan.go.id dan masuk dengan akun instansi.
2. Pilih menu Rencana Aksi → Monitoring/Evaluasi, tahun dan triwulan yang sesuai.
3. Unggah berkas terlampir.
4. Simpan tangkapan layar bukti unggah (boleh dilampirkan di sini).

⏱️ Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.','2026-12-06 00:38:53.816538');
INSERT INTO "messagelog" VALUES(234,710008,'editmessagereplymarkup',2,'Langkah 9: Unggah ke ESR dan pengarsipan
Triwulan IV Tahun 2026

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.

📂 Kelengkapan:
• Realisasi Rencana Aksi Akuntabilitas Kinerja (final)

Daftar periksa unggah ESR:
1. Buka esr.menpan.go.id dan masuk dengan akun instansi.
2. Pilih menu Rencana Aksi → Monitoring/Evaluasi, tahun dan triwulan yang sesuai.
3. Unggah berkas terlampir.
4. Simpan tangkapan layar bukti unggah (boleh dilampirkan di sini).

⏱️ Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.','2026-12-06 00:38:53.835462');
INSERT INTO "messagelog" VALUES(235,710008,'sendmessage',3,'Silakan kirim berkasnya.','2026-12-06 00:38:53.838800');
INSERT INTO "messagelog" VALUES(236,710008,'sendmessage',5,'Langkah 9: Unggah ke ESR dan pengarsipan
Triwulan IV Tahun 2026

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.

📂 Kelengkapan:
• Realisasi Rencana Aksi Akuntabilitas Kinerja (final)

Daftar periksa unggah ESR:
1. Buka esr.menpan.go.id dan masuk dengan akun instansi.
2. Pilih menu Rencana Aksi → Monitoring/Evaluasi, tahun dan triwulan yang sesuai.
3. Unggah berkas terlampir.
4. Simpan tangkapan layar bukti unggah (boleh dilampirkan di sini).
📎 Tersimpan: foto-AQAD4e1c8431f847.jpg (72 B).

⏱️ Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.','2026-12-06 00:38:53.870355');
INSERT INTO "messagelog" VALUES(237,710001,'sendmessage',21,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','2026-12-06 00:38:53.892334');
INSERT INTO "messagelog" VALUES(238,710002,'sendmessage',61,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','2026-12-06 00:38:53.907658');
INSERT INTO "messagelog" VALUES(239,710003,'sendmessage',15,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','2026-12-06 00:38:53.921974');
INSERT INTO "messagelog" VALUES(240,710004,'sendmessage',9,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','2026-12-06 00:38:53.931142');
INSERT INTO "messagelog" VALUES(241,710008,'editmessagereplymarkup',5,'Langkah 9: Unggah ke ESR dan pengarsipan
Triwulan IV Tahun 2026

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.

📂 Kelengkapan:
• Realisasi Rencana Aksi Akuntabilitas Kinerja (final)

Daftar periksa unggah ESR:
1. Buka esr.menpan.go.id dan masuk dengan akun instansi.
2. Pilih menu Rencana Aksi → Monitoring/Evaluasi, tahun dan triwulan yang sesuai.
3. Unggah berkas terlampir.
4. Simpan tangkapan layar bukti unggah (boleh dilampirkan di sini).
📎 Tersimpan: foto-AQAD4e1c8431f847.jpg (72 B).

⏱️ Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.','2026-12-06 00:38:53.955194');
INSERT INTO "messagelog" VALUES(242,710008,'sendmessage',6,'✅ Terima kasih. Unggahan ESR tercatat dan siklus telah diarsipkan.','2026-12-06 00:38:53.962397');
CREATE TABLE outboxmessage (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	chat_id BIGINT NOT NULL, 
	text VARCHAR NOT NULL, 
	buttons JSON NOT NULL, 
	document_id INTEGER, 
	tag VARCHAR, 
	created_at DATETIME NOT NULL, 
	next_attempt_at DATETIME NOT NULL, 
	sent_at DATETIME, 
	attempts INTEGER NOT NULL, 
	last_error VARCHAR, 
	telegram_message_id INTEGER, 
	failed BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(user_id) REFERENCES user (id), 
	FOREIGN KEY(document_id) REFERENCES document (id)
);
INSERT INTO "outboxmessage" VALUES(1,1,2,710002,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 2: Rapat arahan dengan Tim SAKIP

Sekretaris melakukan rapat dengan tim SAKIP untuk memberikan arahan pelaksanaan kegiatan pengukuran kinerja.
⏱️ Mutu baku: 2 jam. Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:briefing:2"}]]',2,'run:2','2026-12-06 00:38:48.198118','2026-12-06 00:38:48.198118','2026-12-06 00:38:48.375286',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(2,1,3,710003,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 3: Penyiapan dan distribusi format

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.
⏱️ Mutu baku: 1 jam. Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:prepare_forms:3"}]]',3,'run:3','2026-12-06 00:38:48.471149','2026-12-06 00:38:48.471149','2026-12-06 00:38:48.662479',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(3,1,4,710004,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 3: Penyiapan dan distribusi format

Tim SAKIP menyiapkan data format pengukuran kinerja dan realisasi keuangan berdasarkan Perjanjian Kinerja dan Rencana Aksi dan mendistribusikannya kepada Sekretaris.
⏱️ Mutu baku: 1 jam. Batas: Senin, 7 Desember 2026 pukul 08.30 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:prepare_forms:3"}]]',3,'run:3','2026-12-06 00:38:48.471149','2026-12-06 00:38:48.471149','2026-12-06 00:38:48.677497',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(4,1,2,710002,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Sekretariat

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:fill_in:4"}]]',4,'run:4','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.897557',1,NULL,9,0);
INSERT INTO "outboxmessage" VALUES(5,1,5,710005,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Bina Marga

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:fill_in:5"}]]',5,'run:5','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.926174',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(6,1,6,710006,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Cipta Karya

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:fill_in:6"}]]',6,'run:6','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.937683',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(7,1,7,710007,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Tata Ruang

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:fill_in:7"}]]',7,'run:7','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.666735','2026-12-06 00:38:48.955584',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(8,1,3,710003,'📥 Sekretariat telah menyerahkan realisasi Triwulan IV Tahun 2026 (1 dari 4 bagian).','[]',NULL,NULL,'2026-12-06 00:38:49.290927','2026-12-06 00:38:49.290927','2026-12-06 00:38:49.329626',1,NULL,4,0);
INSERT INTO "outboxmessage" VALUES(9,1,4,710004,'📥 Sekretariat telah menyerahkan realisasi Triwulan IV Tahun 2026 (1 dari 4 bagian).','[]',NULL,NULL,'2026-12-06 00:38:49.290927','2026-12-06 00:38:49.290927','2026-12-06 00:38:49.338373',1,NULL,2,0);
INSERT INTO "outboxmessage" VALUES(10,1,3,710003,'📥 Bina Marga telah menyerahkan realisasi Triwulan IV Tahun 2026 (2 dari 4 bagian).','[]',NULL,NULL,'2026-12-06 00:38:49.699067','2026-12-06 00:38:49.699067','2026-12-06 00:38:49.743047',1,NULL,5,0);
INSERT INTO "outboxmessage" VALUES(11,1,4,710004,'📥 Bina Marga telah menyerahkan realisasi Triwulan IV Tahun 2026 (2 dari 4 bagian).','[]',NULL,NULL,'2026-12-06 00:38:49.699067','2026-12-06 00:38:49.699067','2026-12-06 00:38:49.751751',1,NULL,3,0);
INSERT INTO "outboxmessage" VALUES(12,1,3,710003,'📥 Cipta Karya telah menyerahkan realisasi Triwulan IV Tahun 2026 (3 dari 4 bagian).','[]',NULL,NULL,'2026-12-06 00:38:49.992247','2026-12-06 00:38:49.992247','2026-12-06 00:38:50.032326',1,NULL,6,0);
INSERT INTO "outboxmessage" VALUES(13,1,4,710004,'📥 Cipta Karya telah menyerahkan realisasi Triwulan IV Tahun 2026 (3 dari 4 bagian).','[]',NULL,NULL,'2026-12-06 00:38:49.992247','2026-12-06 00:38:49.992247','2026-12-06 00:38:50.050462',1,NULL,4,0);
INSERT INTO "outboxmessage" VALUES(14,1,3,710003,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:compile:8"}]]',NULL,'run:8','2026-12-06 00:38:50.414839','2026-12-06 00:38:50.414839','2026-12-06 00:38:50.449474',1,NULL,7,0);
INSERT INTO "outboxmessage" VALUES(15,1,4,710004,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:compile:8"}]]',NULL,'run:8','2026-12-06 00:38:50.414839','2026-12-06 00:38:50.414839','2026-12-06 00:38:50.465125',1,NULL,5,0);
INSERT INTO "outboxmessage" VALUES(16,1,2,710002,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 6: Penyampaian laporan kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:forward:9"}]]',26,'run:9','2026-12-06 00:38:50.496799','2026-12-06 00:38:50.496799','2026-12-06 00:38:51.539862',1,NULL,47,0);
INSERT INTO "outboxmessage" VALUES(17,1,2,710002,'Grafik capaian dan serapan','[]',27,NULL,'2026-12-06 00:38:50.496799','2026-12-06 00:38:50.496799','2026-12-06 00:38:51.558410',1,NULL,48,0);
INSERT INTO "outboxmessage" VALUES(18,1,2,710002,'Grafik capaian dan serapan','[]',28,NULL,'2026-12-06 00:38:50.496799','2026-12-06 00:38:50.496799','2026-12-06 00:38:51.574377',1,NULL,49,0);
INSERT INTO "outboxmessage" VALUES(19,1,1,710001,'📑 Laporan Hasil Pengukuran Kinerja Triwulan IV Tahun 2026
Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.

Bagian yang diserahkan:
• Sekretariat: 3 data dukung
• Bina Marga: 4 data dukung
• Cipta Karya: 3 data dukung
• Tata Ruang: 3 data dukung

⏱️ Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.
Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi.','[[{"text": "\u2705 Setujui", "callback_data": "approve:10"}, {"text": "\u21a9\ufe0f Kembalikan", "callback_data": "return:10"}]]',26,'run:10','2026-12-06 00:38:51.587337','2026-12-06 00:38:51.587337','2026-12-06 00:38:51.615255',1,NULL,10,0);
INSERT INTO "outboxmessage" VALUES(20,1,1,710001,'Grafik capaian dan serapan','[]',27,NULL,'2026-12-06 00:38:51.587337','2026-12-06 00:38:51.587337','2026-12-06 00:38:51.639221',1,NULL,11,0);
INSERT INTO "outboxmessage" VALUES(21,1,1,710001,'Grafik capaian dan serapan','[]',28,NULL,'2026-12-06 00:38:51.587337','2026-12-06 00:38:51.587337','2026-12-06 00:38:51.661123',1,NULL,13,0);
INSERT INTO "outboxmessage" VALUES(22,1,5,710005,'↩️ Dikembalikan untuk dilengkapi
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 4: Pengisian realisasi dan data dukung — Bina Marga

Sekretaris dan Bidang mengisi format pengukuran kinerja dan realisasi keuangan dan menyiapkan data dukung kemudian menyerahkan kembali kepada Tim SAKIP.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

📝 Catatan: Foto progres jalan belum dilampirkan.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:fill_in:11"}]]',5,'run:11','2026-12-06 00:38:51.721012','2026-12-06 00:38:51.721012','2026-12-06 00:38:51.769823',1,NULL,41,0);
INSERT INTO "outboxmessage" VALUES(23,1,2,710002,'↩️ Laporan Triwulan IV Tahun 2026 dikembalikan oleh ERASUKMA MUNAF, ST, MM kepada Bina Marga.
📝 Catatan: Foto progres jalan belum dilampirkan.','[]',NULL,NULL,'2026-12-06 00:38:51.721012','2026-12-06 00:38:51.721012','2026-12-06 00:38:51.785046',1,NULL,52,0);
INSERT INTO "outboxmessage" VALUES(24,1,3,710003,'↩️ Laporan Triwulan IV Tahun 2026 dikembalikan oleh ERASUKMA MUNAF, ST, MM kepada Bina Marga.
📝 Catatan: Foto progres jalan belum dilampirkan.','[]',NULL,NULL,'2026-12-06 00:38:51.721012','2026-12-06 00:38:51.721012','2026-12-06 00:38:51.801680',1,NULL,10,0);
INSERT INTO "outboxmessage" VALUES(25,1,4,710004,'↩️ Laporan Triwulan IV Tahun 2026 dikembalikan oleh ERASUKMA MUNAF, ST, MM kepada Bina Marga.
📝 Catatan: Foto progres jalan belum dilampirkan.','[]',NULL,NULL,'2026-12-06 00:38:51.721012','2026-12-06 00:38:51.721012','2026-12-06 00:38:51.822881',1,NULL,6,0);
INSERT INTO "outboxmessage" VALUES(26,1,3,710003,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:compile:12"}]]',NULL,'run:12','2026-12-06 00:38:52.000372','2026-12-06 00:38:52.000372','2026-12-06 00:38:52.052443',1,NULL,11,0);
INSERT INTO "outboxmessage" VALUES(27,1,4,710004,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 5: Penyusunan laporan hasil pengukuran

Tim SAKIP menyusun Laporan Hasil pengukuran kinerja dan Realisasi Keuangan dan melaporkannya kepada Sekretaris.
⏱️ Mutu baku: 2 hari. Batas: Selasa, 8 Desember 2026 pukul 16.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:compile:12"}]]',NULL,'run:12','2026-12-06 00:38:52.000372','2026-12-06 00:38:52.000372','2026-12-06 00:38:52.060037',1,NULL,7,0);
INSERT INTO "outboxmessage" VALUES(28,1,2,710002,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 6: Penyampaian laporan kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:forward:13"}]]',32,'run:13','2026-12-06 00:38:52.096094','2026-12-06 00:38:52.096094','2026-12-06 00:38:53.072148',1,NULL,53,0);
INSERT INTO "outboxmessage" VALUES(29,1,2,710002,'Grafik capaian dan serapan','[]',27,NULL,'2026-12-06 00:38:52.096094','2026-12-06 00:38:52.096094','2026-12-06 00:38:53.093347',1,NULL,54,0);
INSERT INTO "outboxmessage" VALUES(30,1,2,710002,'Grafik capaian dan serapan','[]',28,NULL,'2026-12-06 00:38:52.096094','2026-12-06 00:38:52.096094','2026-12-06 00:38:53.117024',1,NULL,55,0);
INSERT INTO "outboxmessage" VALUES(31,1,1,710001,'📑 Laporan Hasil Pengukuran Kinerja Triwulan IV Tahun 2026
Mohon Bapak/Ibu menganalisa laporan terlampir bersama Sekretaris dan Tim SAKIP.

Bagian yang diserahkan:
• Sekretariat: 3 data dukung
• Bina Marga: 5 data dukung
• Cipta Karya: 3 data dukung
• Tata Ruang: 3 data dukung

⏱️ Batas: Senin, 7 Desember 2026 pukul 09.30 WIB.
Setujui untuk dijadikan bahan evaluasi internal, atau kembalikan untuk dilengkapi.','[[{"text": "\u2705 Setujui", "callback_data": "approve:14"}, {"text": "\u21a9\ufe0f Kembalikan", "callback_data": "return:14"}]]',32,'run:14','2026-12-06 00:38:53.131971','2026-12-06 00:38:53.131971','2026-12-06 00:38:53.160032',1,NULL,17,0);
INSERT INTO "outboxmessage" VALUES(32,1,1,710001,'Grafik capaian dan serapan','[]',27,NULL,'2026-12-06 00:38:53.131971','2026-12-06 00:38:53.131971','2026-12-06 00:38:53.177924',1,NULL,18,0);
INSERT INTO "outboxmessage" VALUES(33,1,1,710001,'Grafik capaian dan serapan','[]',28,NULL,'2026-12-06 00:38:53.131971','2026-12-06 00:38:53.131971','2026-12-06 00:38:53.193562',1,NULL,19,0);
INSERT INTO "outboxmessage" VALUES(34,1,2,710002,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 8: Laporan hasil akhir kepada Kepala Dinas

Sekretaris melaporkan hasil pengukuran kinerja kepada Kepala Dinas.
⏱️ Mutu baku: 30 menit. Batas: Senin, 7 Desember 2026 pukul 08.00 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:final_report:15"}]]',32,'run:15','2026-12-06 00:38:53.175168','2026-12-06 00:38:53.175168','2026-12-06 00:38:53.203042',1,NULL,58,0);
INSERT INTO "outboxmessage" VALUES(35,1,3,710003,'✅ Laporan Triwulan IV Tahun 2026 disetujui oleh ERASUKMA MUNAF, ST, MM.','[]',NULL,NULL,'2026-12-06 00:38:53.175168','2026-12-06 00:38:53.175168','2026-12-06 00:38:53.209556',1,NULL,14,0);
INSERT INTO "outboxmessage" VALUES(36,1,4,710004,'✅ Laporan Triwulan IV Tahun 2026 disetujui oleh ERASUKMA MUNAF, ST, MM.','[]',NULL,NULL,'2026-12-06 00:38:53.175168','2026-12-06 00:38:53.175168','2026-12-06 00:38:53.219146',1,NULL,8,0);
INSERT INTO "outboxmessage" VALUES(37,1,8,710008,'🔔 Tugas baru untuk Anda
Pengukuran Kinerja Triwulan IV Tahun 2026
Langkah 9: Unggah ke ESR dan pengarsipan

Subbag Perencanaan mengunggah Realisasi Rencana Aksi Akuntabilitas Kinerja Triwulanan pada aplikasi esr.menpan.go.id dan mengarsipkannya.
⏱️ Mutu baku: 2 menit. Batas: Senin, 7 Desember 2026 pukul 07.32 WIB.

Tekan ▶️ Mulai bila Anda siap.','[[{"text": "\u25b6\ufe0f Mulai", "callback_data": "begin:esr_upload:16"}]]',34,'run:16','2026-12-06 00:38:53.231369','2026-12-06 00:38:53.231369','2026-12-06 00:38:53.770513',1,NULL,1,0);
INSERT INTO "outboxmessage" VALUES(38,1,1,710001,'📘 Hasil akhir pengukuran kinerja Triwulan IV Tahun 2026 dilaporkan oleh Dra. RINA MARLINA, M.Si. Berkas terlampir.','[]',34,NULL,'2026-12-06 00:38:53.231369','2026-12-06 00:38:53.231369','2026-12-06 00:38:53.799218',1,NULL,20,0);
INSERT INTO "outboxmessage" VALUES(39,1,1,710001,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','[]',NULL,NULL,'2026-12-06 00:38:53.877550','2026-12-06 00:38:53.877550','2026-12-06 00:38:53.898653',1,NULL,21,0);
INSERT INTO "outboxmessage" VALUES(40,1,2,710002,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','[]',NULL,NULL,'2026-12-06 00:38:53.877550','2026-12-06 00:38:53.877550','2026-12-06 00:38:53.914074',1,NULL,61,0);
INSERT INTO "outboxmessage" VALUES(41,1,3,710003,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','[]',NULL,NULL,'2026-12-06 00:38:53.877550','2026-12-06 00:38:53.877550','2026-12-06 00:38:53.923363',1,NULL,15,0);
INSERT INTO "outboxmessage" VALUES(42,1,4,710004,'🗄️ Pengukuran Kinerja Triwulan IV Tahun 2026 selesai: laporan telah diunggah ke ESR oleh YULIA SARI, SE dan siklus diarsipkan. Terima kasih atas kerja samanya 🙏','[]',NULL,NULL,'2026-12-06 00:38:53.877550','2026-12-06 00:38:53.877550','2026-12-06 00:38:53.932324',1,NULL,9,0);
CREATE TABLE performanceagreement (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	year INTEGER NOT NULL, 
	version INTEGER NOT NULL, 
	label VARCHAR NOT NULL, 
	source_name VARCHAR, 
	source_sha256 VARCHAR, 
	imported_at DATETIME NOT NULL, 
	imported_by_user_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (agency_id, year, version), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	FOREIGN KEY(imported_by_user_id) REFERENCES user (id)
);
INSERT INTO "performanceagreement" VALUES(1,1,2026,1,'Perjanjian Kinerja','master-bmcktr-2026.xlsx','d11f1de0fcb16c8738afec2125df293b39e031966a80ba52484eda63852d3cff','2026-12-06 00:38:46.964067',NULL);
CREATE TABLE ptbstate (
	id INTEGER NOT NULL, 
	namespace VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	"key" VARCHAR NOT NULL, 
	data JSON, 
	PRIMARY KEY (id), 
	UNIQUE (namespace, kind, "key")
);
INSERT INTO "ptbstate" VALUES(1,'default','bot_data','','{}');
INSERT INTO "ptbstate" VALUES(3,'default','user_data','710001','{}');
INSERT INTO "ptbstate" VALUES(4,'default','chat_data','710001','{}');
INSERT INTO "ptbstate" VALUES(6,'default','user_data','710002','{}');
INSERT INTO "ptbstate" VALUES(7,'default','chat_data','710002','{}');
INSERT INTO "ptbstate" VALUES(8,'default','chat_data','710003','{}');
INSERT INTO "ptbstate" VALUES(9,'default','user_data','710003','{}');
INSERT INTO "ptbstate" VALUES(11,'default','user_data','710005','{}');
INSERT INTO "ptbstate" VALUES(12,'default','chat_data','710005','{}');
INSERT INTO "ptbstate" VALUES(14,'default','chat_data','710006','{}');
INSERT INTO "ptbstate" VALUES(15,'default','user_data','710006','{}');
INSERT INTO "ptbstate" VALUES(17,'default','chat_data','710007','{}');
INSERT INTO "ptbstate" VALUES(18,'default','user_data','710007','{}');
INSERT INTO "ptbstate" VALUES(20,'default','chat_data','710008','{}');
INSERT INTO "ptbstate" VALUES(21,'default','user_data','710008','{}');
CREATE TABLE roleassignment (
	id INTEGER NOT NULL, 
	user_id INTEGER NOT NULL, 
	role VARCHAR NOT NULL, 
	division_id INTEGER, 
	PRIMARY KEY (id), 
	UNIQUE (user_id, role, division_id), 
	FOREIGN KEY(user_id) REFERENCES user (id), 
	FOREIGN KEY(division_id) REFERENCES division (id)
);
INSERT INTO "roleassignment" VALUES(1,1,'head',NULL);
INSERT INTO "roleassignment" VALUES(2,2,'secretary',NULL);
INSERT INTO "roleassignment" VALUES(3,3,'sakip_team',NULL);
INSERT INTO "roleassignment" VALUES(4,4,'sakip_team',NULL);
INSERT INTO "roleassignment" VALUES(5,5,'division',2);
INSERT INTO "roleassignment" VALUES(6,6,'division',3);
INSERT INTO "roleassignment" VALUES(7,7,'division',4);
INSERT INTO "roleassignment" VALUES(8,8,'planning_unit',NULL);
CREATE TABLE sentnotice (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	"key" VARCHAR NOT NULL, 
	sent_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id), 
	UNIQUE ("key")
);
CREATE TABLE steprun (
	id INTEGER NOT NULL, 
	cycle_id INTEGER NOT NULL, 
	step VARCHAR NOT NULL, 
	division_id INTEGER, 
	round INTEGER NOT NULL, 
	status VARCHAR NOT NULL, 
	started_at DATETIME NOT NULL, 
	due_at DATETIME NOT NULL, 
	done_at DATETIME, 
	done_by_user_id INTEGER, 
	outcome VARCHAR, 
	note VARCHAR, 
	data JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(cycle_id) REFERENCES measurementcycle (id), 
	FOREIGN KEY(division_id) REFERENCES division (id), 
	FOREIGN KEY(done_by_user_id) REFERENCES user (id)
);
INSERT INTO "steprun" VALUES(1,1,'order',NULL,1,'done','2026-12-06 00:38:48.148037','2026-12-07 00:40:00.000000','2026-12-06 00:38:48.198118',1,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(2,1,'briefing',NULL,1,'done','2026-12-06 00:38:48.198118','2026-12-07 02:30:00.000000','2026-12-06 00:38:48.471149',2,'done',NULL,'{"meeting_date": "2026-12-06", "attendee_ids": [3, 4], "directions": "1. Isi realisasi per indikator.\n2. Lampirkan data dukung."}');
INSERT INTO "steprun" VALUES(3,1,'prepare_forms',NULL,1,'done','2026-12-06 00:38:48.471149','2026-12-07 01:30:00.000000','2026-12-06 00:38:48.666735',3,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(4,1,'fill_in',1,1,'done','2026-12-06 00:38:48.666735','2026-12-08 09:00:00.000000','2026-12-06 00:38:49.290927',2,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(5,1,'fill_in',2,1,'done','2026-12-06 00:38:48.666735','2026-12-08 09:00:00.000000','2026-12-06 00:38:49.699067',5,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(6,1,'fill_in',3,1,'done','2026-12-06 00:38:48.666735','2026-12-08 09:00:00.000000','2026-12-06 00:38:49.992247',6,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(7,1,'fill_in',4,1,'done','2026-12-06 00:38:48.666735','2026-12-08 09:00:00.000000','2026-12-06 00:38:50.414839',7,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(8,1,'compile',NULL,1,'done','2026-12-06 00:38:50.414839','2026-12-08 09:00:00.000000','2026-12-06 00:38:50.496799',3,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(9,1,'forward',NULL,1,'done','2026-12-06 00:38:50.496799','2026-12-07 01:00:00.000000','2026-12-06 00:38:51.587337',2,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(10,1,'review',NULL,1,'done','2026-12-06 00:38:51.587337','2026-12-07 02:30:00.000000','2026-12-06 00:38:51.721012',1,'returned','Foto progres jalan belum dilampirkan.','{"division_ids": [2]}');
INSERT INTO "steprun" VALUES(11,1,'fill_in',2,2,'done','2026-12-06 00:38:51.721012','2026-12-08 09:00:00.000000','2026-12-06 00:38:52.000372',5,'done','Foto progres jalan belum dilampirkan.','{}');
INSERT INTO "steprun" VALUES(12,1,'compile',NULL,2,'done','2026-12-06 00:38:52.000372','2026-12-08 09:00:00.000000','2026-12-06 00:38:52.096094',3,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(13,1,'forward',NULL,2,'done','2026-12-06 00:38:52.096094','2026-12-07 01:00:00.000000','2026-12-06 00:38:53.131971',2,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(14,1,'review',NULL,2,'done','2026-12-06 00:38:53.131971','2026-12-07 02:30:00.000000','2026-12-06 00:38:53.175168',1,'approved',NULL,'{}');
INSERT INTO "steprun" VALUES(15,1,'final_report',NULL,1,'done','2026-12-06 00:38:53.175168','2026-12-07 01:00:00.000000','2026-12-06 00:38:53.231369',2,'done',NULL,'{}');
INSERT INTO "steprun" VALUES(16,1,'esr_upload',NULL,1,'done','2026-12-06 00:38:53.231369','2026-12-07 00:32:00.000000','2026-12-06 00:38:53.877550',8,'done',NULL,'{}');
CREATE TABLE strategicgoal (
	id INTEGER NOT NULL, 
	agreement_id INTEGER NOT NULL, 
	code VARCHAR NOT NULL, 
	name VARCHAR NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(agreement_id) REFERENCES performanceagreement (id)
);
INSERT INTO "strategicgoal" VALUES(1,1,'SS1','Meningkatnya kemantapan dan konektivitas jaringan jalan dan jembatan provinsi',0);
INSERT INTO "strategicgoal" VALUES(2,1,'SS2','Meningkatnya akses masyarakat terhadap air minum, sanitasi dan permukiman yang layak',1);
INSERT INTO "strategicgoal" VALUES(3,1,'SS3','Meningkatnya kualitas perencanaan dan pengendalian pemanfaatan ruang',2);
INSERT INTO "strategicgoal" VALUES(4,1,'SS4','Meningkatnya akuntabilitas kinerja dan tata kelola Dinas',3);
CREATE TABLE user (
	id INTEGER NOT NULL, 
	agency_id INTEGER NOT NULL, 
	telegram_id BIGINT, 
	name VARCHAR NOT NULL, 
	nip VARCHAR, 
	title VARCHAR, 
	active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (agency_id, telegram_id), 
	FOREIGN KEY(agency_id) REFERENCES agency (id)
);
INSERT INTO "user" VALUES(1,1,710001,'ERASUKMA MUNAF, ST, MM','19720925 199803 1 003','Pembina Utama Muda (IV/c)',1,'2026-12-06 00:38:46.897095');
INSERT INTO "user" VALUES(2,1,710002,'Dra. RINA MARLINA, M.Si',NULL,'Pembina (IV/a)',1,'2026-12-06 00:38:46.902880');
INSERT INTO "user" VALUES(3,1,710003,'ANDI PRATAMA, ST',NULL,NULL,1,'2026-12-06 00:38:46.905173');
INSERT INTO "user" VALUES(4,1,710004,'SITI AMINAH, SE',NULL,NULL,1,'2026-12-06 00:38:46.907007');
INSERT INTO "user" VALUES(5,1,710005,'Ir. BUDI SANTOSO, MT',NULL,NULL,1,'2026-12-06 00:38:46.908834');
INSERT INTO "user" VALUES(6,1,710006,'FITRI YANTI, ST, M.Eng',NULL,NULL,1,'2026-12-06 00:38:46.911584');
INSERT INTO "user" VALUES(7,1,710007,'HENDRA GUNAWAN, ST, MT',NULL,NULL,1,'2026-12-06 00:38:46.913571');
INSERT INTO "user" VALUES(8,1,710008,'YULIA SARI, SE',NULL,NULL,1,'2026-12-06 00:38:46.915420');
CREATE UNIQUE INDEX ix_agency_code ON agency (code);
CREATE INDEX ix_messagelog_chat_id ON messagelog (chat_id);
CREATE INDEX ix_division_agency_id ON division (agency_id);
CREATE INDEX ix_user_agency_id ON user (agency_id);
CREATE INDEX ix_user_telegram_id ON user (telegram_id);
CREATE INDEX ix_sentnotice_agency_id ON sentnotice (agency_id);
CREATE INDEX ix_roleassignment_user_id ON roleassignment (user_id);
CREATE UNIQUE INDEX ix_invite_code ON invite (code);
CREATE INDEX ix_invite_agency_id ON invite (agency_id);
CREATE INDEX ix_conversationdraft_user_id ON conversationdraft (user_id);
CREATE INDEX ix_performanceagreement_agency_id ON performanceagreement (agency_id);
CREATE INDEX ix_delegation_agency_id ON delegation (agency_id);
CREATE INDEX ix_delegation_substitute_user_id ON delegation (substitute_user_id);
CREATE INDEX ix_delegation_principal_user_id ON delegation (principal_user_id);
CREATE INDEX ix_measurementcycle_agency_id ON measurementcycle (agency_id);
CREATE INDEX ix_strategicgoal_agreement_id ON strategicgoal (agreement_id);
CREATE INDEX ix_budgetitem_agreement_id ON budgetitem (agreement_id);
CREATE INDEX ix_budgetitem_division_id ON budgetitem (division_id);
CREATE INDEX ix_steprun_cycle_id ON steprun (cycle_id);
CREATE INDEX ix_auditevent_agency_id ON auditevent (agency_id);
CREATE INDEX ix_auditevent_cycle_id ON auditevent (cycle_id);
CREATE INDEX ix_indicator_goal_id ON indicator (goal_id);
CREATE INDEX ix_indicator_agreement_id ON indicator (agreement_id);
CREATE INDEX ix_indicator_division_id ON indicator (division_id);
CREATE INDEX ix_financialrealization_budget_item_id ON financialrealization (budget_item_id);
CREATE INDEX ix_financialrealization_cycle_id ON financialrealization (cycle_id);
CREATE INDEX ix_document_cycle_id ON document (cycle_id);
CREATE INDEX ix_document_agency_id ON document (agency_id);
CREATE INDEX ix_document_sha256 ON document (sha256);
CREATE INDEX ix_indicatorrealization_indicator_id ON indicatorrealization (indicator_id);
CREATE INDEX ix_indicatorrealization_cycle_id ON indicatorrealization (cycle_id);
CREATE INDEX ix_outboxmessage_sent_at ON outboxmessage (sent_at);
CREATE INDEX ix_outboxmessage_tag ON outboxmessage (tag);
CREATE INDEX ix_outboxmessage_agency_id ON outboxmessage (agency_id);
COMMIT;
